# Independent computation of the issue-11 tier golden figures from the raw CSV files (not run by CI; run
# `python3 tests/tiers/tier_figures.py` from the project root to reproduce the values written in
# tests/tiers/tst_tierscenario.cpp). The reference scenario (../shared/data/README.md) makes each sales agent's deals
# the deals of one partner (scenario/partner_reps.csv: sales_agent -> partner_symbol, the partner key; each sales agent
# is also that partner's contact); a deal is Won when its deal_stage is Won; its amount is close_value in whole USD;
# its close date is close_date. T12M at 2017-12-31 = close_date in (2016-12-31, 2017-12-31].
# The default tier program (DESIGN.md section 3): the highest tier whose criteria are all met.
import csv, datetime, os, collections
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/data/')
reps = {r['sales_agent']: r['partner_symbol'] for r in csv.DictReader(open(D + 'scenario/partner_reps.csv', newline=''))}
contacts = collections.defaultdict(list)
for agent, key in reps.items():
    contacts[key].append(agent)
AS_OF = datetime.date(2017, 12, 31)
START = datetime.date(2016, 12, 31)
revenue = collections.Counter(); deals = collections.Counter()
for r in csv.DictReader(open(D + 'maven_crm/sales_pipeline.csv', newline='')):
    if r['deal_stage'] != 'Won':
        continue
    close = datetime.date.fromisoformat(r['close_date'])
    if START < close <= AS_OF:
        key = reps[r['sales_agent']]
        revenue[key] += int(r['close_value'])
        deals[key] += 1
PROGRAM = [('Platinum', 500000, 150, 2), ('Gold', 250000, 50, 1), ('Silver', 100000, 10, 0)]
def tier(rev, n, certified):
    for name, r, d, c in PROGRAM:
        if rev >= r and n >= d and certified >= c:
            return name
    return 'Registered'
counts = collections.Counter()
for key in sorted(set(revenue) | set(deals)):
    t = tier(revenue[key], deals[key], 0)
    counts[t] += 1
    print(f'{{"{key}", {revenue[key] * 100}LL, {deals[key]}, "{t}"}},  // contacts: {len(contacts[key])}')
print('partners with a won deal in T12M', len(set(revenue)), 'by tier (others Registered)', dict(counts))
# The what-if of the golden test: each partner has one contact (its sales agent). Certifying ACN's contact gives ACN 1
# certified contact; FICO gets a second contact and both are certified (2 certified contacts).
for key, certified in (('ACN', 1), ('FICO', 2)):
    print('with', certified, 'certified contact(s)', key, tier(revenue[key], deals[key], 0), '->',
          tier(revenue[key], deals[key], certified), 'contacts', contacts[key])
