# Independent computation of the issue-3 reference-scenario figures from the raw CSV files (not run by CI;
# run `python3 tests/deals/reference_figures.py` from the project root to reproduce tst_scenariodeals.cpp values).
import csv, datetime, re, collections, unicodedata
import os
D=os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/data/')
reps={r['sales_agent']:r['partner_symbol'] for r in csv.DictReader(open(D+'scenario/partner_reps.csv',newline=''))}
prices={}
def pnorm(s): return re.sub(r'[^0-9a-z]','',unicodedata.normalize('NFKC',s).casefold())
for r in csv.DictReader(open(D+'maven_crm/products.csv',newline='')): prices[pnorm(r['product'])]=int(r['sales_price'])
SUF={'inc','incorporated','corp','corporation','co','company','llc','ltd','limited','plc','gmbh','ag','sa','sas','bv','nv','srl','spa','pty','kk','oy','ab','as'}
def onorm(s):
    s=unicodedata.normalize('NFKC',s).casefold().replace('&',' and ')
    w=re.sub(r'[^0-9a-z]+',' ',s).split()
    while len(w)>1 and w[-1] in SUF: w.pop()
    return ' '.join(w)
rows=list(csv.DictReader(open(D+'maven_crm/sales_pipeline.csv',newline='')))
st={'Prospecting':'Draft','Engaging':'Approved','Won':'Won','Lost':'Lost'}
deals=[]
for i,r in enumerate(rows):
    d=dict(n=i+1,partner=reps[r['sales_agent']],status=st[r['deal_stage']],product=pnorm(r['product']),
           customer=onorm(r['account']) if r['account'] else '',
           reg=datetime.date.fromisoformat(r['engage_date']) if r['engage_date'] else None,
           close=datetime.date.fromisoformat(r['close_date']) if r['close_date'] else None,
           amount=int(r['close_value']) if r['close_value'] else None)
    deals.append(d)
print('non-draft', sum(1 for d in deals if d['status']!='Draft'))
def end(e):
    x=e['reg']+datetime.timedelta(days=90)
    if e['status'] in ('Won','Lost','Rejected') and e['close'] and e['close']<x: x=e['close']
    return x
pairs=0; conflicted=set(); open_pairs=0; hottechi=0; acn_pairs=0
groups=collections.defaultdict(list)
for d in deals:
    if d['reg'] and d['customer']: groups[(d['product'],d['customer'])].append(d)
for g in groups.values():
    for r in g:
        if r['status']=='Draft': continue
        for e in g:
            if e is r or e['partner']==r['partner'] or e['status'] in ('Rejected','Draft'): continue
            if (e['reg'],e['n'])<(r['reg'],r['n']) and e['reg']<=r['reg']<end(e):
                pairs+=1; conflicted.add(r['n'])
                if r['status'] in ('Draft','Submitted','Approved'): open_pairs+=1
                if r['customer']=='hottechi': hottechi+=1
                if 'ACN' in (r['partner'], e['partner']): acn_pairs+=1
print('conflict pairs',pairs,'conflicted registrations',len(conflicted))
print('conflict pairs whose later registration is open',open_pairs,'with customer Hottechi',hottechi,'with partner ACN',acn_pairs)
w=sum(0.3*(d['amount'] if d['amount'] is not None else prices[d['product']]) for d in deals if d['status']=='Approved')
print('weighted pipeline', w, 'open count', sum(1 for d in deals if d['status'] in ('Draft','Approved')),
      'open amount', sum((d['amount'] if d['amount'] is not None else prices[d['product']]) for d in deals if d['status'] in ('Draft','Approved')))
wr=collections.defaultdict(lambda:[0,0])
for d in deals:
    if d['status']=='Won': wr[d['partner']][0]+=1
    if d['status']=='Lost': wr[d['partner']][1]+=1
print('win rates', {k:(v[0],v[1],round(v[0]/(v[0]+v[1]),6)) for k,v in sorted(wr.items())})
won=sum(d['amount'] for d in deals if d['status']=='Won'); lost=sum(1 for d in deals if d['status']=='Lost')
print('total won count',sum(1 for d in deals if d['status']=='Won'),'lost',lost,'rate',sum(1 for d in deals if d['status']=='Won')/(sum(1 for d in deals if d['status']=='Won')+lost))
print('expire as of 2017-12-31:', sum(1 for d in deals if d['status'] in ('Submitted','Approved') and d['reg']+datetime.timedelta(days=90)<=datetime.date(2017,12,31)))

# As-of figures (issue 6; the rule of pd::openStatusAsOf, DealWorkflow.h): a deal is open as of D when it entered the
# book on or before D (registered_at = engage_date; a Draft has only created_at, the import instant in 2026, so no
# Draft is open as of a 2017 date) and had not closed on or before D (close_date > D); a Won or Lost deal open then
# was Approved (30%). Amounts: the deal's amount (close_value; 0 for Lost deals), else its product's list price.
def as_of(D):
    q0 = datetime.date(D.year, (D.month - 1) // 3 * 3 + 1, 1)
    n = amount = weighted10 = 0
    for d in deals:
        if d['status'] == 'Draft' or d['reg'] is None or d['reg'] > D:
            continue
        if d['status'] in ('Won', 'Lost') and d['close'] is not None and d['close'] <= D:
            continue
        v = d['amount'] if d['amount'] is not None else prices[d['product']]
        n += 1; amount += v; weighted10 += 3 * v  # Approved 30% = 3/10
    won_q = sum(d['amount'] for d in deals if d['status'] == 'Won' and q0 <= d['close'] <= D)
    won_n = sum(1 for d in deals if d['status'] == 'Won' and d['close'] <= D)
    lost_n = sum(1 for d in deals if d['status'] == 'Lost' and d['close'] <= D)
    print('as of', D, 'open', n, 'open amount', amount, 'weighted', weighted10 / 10, 'won in quarter', won_q,
          'won', won_n, 'lost', lost_n)
for D in ('2017-03-31', '2017-06-30', '2017-09-30', '2017-12-31'):
    as_of(datetime.date.fromisoformat(D))
