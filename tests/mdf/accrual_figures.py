# Independent computation of the issue-10 accrual golden figures from the raw CSV files (not run by CI; run
# `python3 tests/mdf/accrual_figures.py` from the project root to reproduce the values written in
# tests/mdf/tst_mdfaccrual.cpp). The reference scenario (../shared/data/README.md) makes each sales agent's deals the
# deals of one partner (scenario/partner_reps.csv: sales_agent -> partner_symbol, the partner key); a deal is Won when
# its deal_stage is Won; its amount is close_value in whole USD. Each partner's 2017Q3 won revenue is the sum of the
# close_value of its Won deals with close_date from 2017-07-01 to 2017-09-30; its 2% accrual in cents is
# revenue_cents * 200 / 10000 rounded half up (exact integer arithmetic).
import csv, datetime, os
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/data/')
reps = {r['sales_agent']: r['partner_symbol'] for r in csv.DictReader(open(D + 'scenario/partner_reps.csv', newline=''))}
q3 = (datetime.date(2017, 7, 1), datetime.date(2017, 9, 30))
won = {}
for r in csv.DictReader(open(D + 'maven_crm/sales_pipeline.csv', newline='')):
    if r['deal_stage'] != 'Won':
        continue
    close = datetime.date.fromisoformat(r['close_date'])
    if q3[0] <= close <= q3[1]:
        key = reps[r['sales_agent']]
        won[key] = won.get(key, 0) + int(r['close_value'])
def accrual(revenue_cents, basis_points):
    return (revenue_cents * basis_points * 2 + 10000) // 20000  # half up, non-negative amounts
total_revenue = total_accrual = 0
for key in sorted(won):
    cents = won[key] * 100
    a = accrual(cents, 200)
    total_revenue += won[key]; total_accrual += a
    print(f'{{"{key}", {cents}LL, {a}LL}},')
print('partners', len(won), 'total 2017Q3 won USD', total_revenue, 'total accrual cents', total_accrual)
