# Independent computation of the issue-9 activation metrics of the reference scenario from the raw CSV files (not run
# by CI; run `python3 tests/deals/activation_figures.py` from the project root to reproduce the values that
# tests/cli/tst_lifecyclecli.cpp checks). The scenario: partners imported in stage Onboarding on 2016-09-01, every
# partner that has deals moved to Active on 2016-10-01, metrics as of 2017-12-31.
# Definitions (issue 9 item 7, DESIGN.md section 3): a deal is the partner's (sourced) when its sales agent is one of
# the partner's reps (scenario/partner_reps.csv); a registration is a deal that is not Draft (deal_stage Prospecting
# maps to Draft), dated by engage_date; TTFR = close_date of the first Won deal - activation date; the 90-day
# activation rate = share of the cohort with a registration in [activation, activation + 90 days].
import csv, datetime, os
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/data/')
reps = {r['sales_agent']: r['partner_symbol'] for r in csv.DictReader(open(D + 'scenario/partner_reps.csv', newline=''))}
rows = list(csv.DictReader(open(D + 'maven_crm/sales_pipeline.csv', newline='')))
date = datetime.date.fromisoformat
activation, onboarding, as_of = date('2016-10-01'), date('2016-09-01'), date('2017-12-31')
with_deals = sorted({reps[r['sales_agent']] for r in rows})
print('partners with deals', len(with_deals), ' '.join(with_deals))
within = 0
for p in with_deals:
    regs = sorted(date(r['engage_date']) for r in rows if reps[r['sales_agent']] == p
                  and r['deal_stage'] != 'Prospecting' and r['engage_date'] and date(r['engage_date']) <= as_of)
    wins = sorted(date(r['close_date']) for r in rows if reps[r['sales_agent']] == p and r['deal_stage'] == 'Won'
                  and date(r['close_date']) <= as_of)
    since = [d for d in regs if d >= activation]
    ok = bool(since) and since[0] <= activation + datetime.timedelta(days=90)
    within += ok
    print(p, 'days_to_onboard', (activation - onboarding).days,
          'days_to_first_registration', (regs[0] - activation).days if regs else None,
          'ttfr_days', (wins[0] - activation).days if wins else None, 'within 90 days', ok)
print('2016Q4 activated', len(with_deals), 'registered within 90 days', within, 'rate', within / len(with_deals))
# As of 2016-11-15 only registrations up to that day count (and no Won deal has closed yet).
early = date('2016-11-15')
n = sum(1 for p in with_deals if any(activation <= date(r['engage_date']) <= early for r in rows
                                     if reps[r['sales_agent']] == p and r['deal_stage'] != 'Prospecting'
                                     and r['engage_date']))
print('as of', early, '2016Q4 registered within 90 days', n, 'rate', n / len(with_deals))
