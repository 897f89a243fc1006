# Independent check of gamma_gamma_fit (sql/gamma_gamma.sql): the exact maximum of the
# Gamma-Gamma likelihood, as the root of its gradient, with mpmath (Debian: python3-mpmath).
# Run by hand from the checkout: python3 test/reference/gamma_gamma_mle_raw.py master|sample
# (CDNOW_master.txt: customer_id yyyymmdd cds dollars; CDNOW_sample.txt has a sample id
# after the customer id, so its columns are shifted by one).
import mpmath as mp, re
from collections import defaultdict, Counter
mp.mp.dps = 25
days=defaultdict(lambda: defaultdict(float))
import sys
which = sys.argv[1] if len(sys.argv) > 1 else 'sample'
shift = 1 if which == 'sample' else 0
start = {'master': (6.2754, 3.6244, 14.9837), 'sample': (6.2496, 3.7442, 15.4435)}[which]
for line in open('../shared/data/cdnow/CDNOW_%s.txt' % which):
    f=line.split()
    if not f or 'customer_id' in line: continue
    d=f[1 + shift]
    if d>'19970930': continue
    days[f[0]][d]+=float(f[3 + shift])
C=Counter(); excl=0
for c,dd in days.items():
    ks=sorted(dd)
    if len(ks)<2: continue
    s=0.0
    for k in ks[1:]: s+=dd[k]
    m=s/(len(ks)-1)
    if m<=0: excl+=1; continue
    C[(len(ks)-1,m)]+=1
print('customers',len(days),'usable',sum(C.values()),'excluded',excl,'patterns',len(C))
def ll(p,q,g):
    s=mp.mpf(0)
    for (x,m),w in C.items():
        m=mp.mpf(m); px=p*x
        s+=w*(mp.loggamma(px+q)-mp.loggamma(px)-mp.loggamma(q)+q*mp.log(g)+px*mp.log(x)+(px-1)*mp.log(m)-(px+q)*mp.log(g+x*m))
    return s
def grad(a,b,c):
    p,q,g=mp.exp(a),mp.exp(b),mp.exp(c)
    dp=dq=dg=mp.mpf(0)
    for (x,m),w in C.items():
        m=mp.mpf(m); px=p*x; l=mp.log(g+x*m)
        dp+=w*x*(mp.digamma(px+q)-mp.digamma(px)+mp.log(x)+mp.log(m)-l)
        dq+=w*(mp.digamma(px+q)-mp.digamma(q)+mp.log(g)-l)
        dg+=w*(q/g-(px+q)/(g+x*m))
    return [p*dp,q*dq,g*dg]
sol=mp.findroot(grad,tuple(mp.log(v) for v in start))
p,q,g=[mp.exp(v) for v in sol]
print('p',mp.nstr(p,12),'q',mp.nstr(q,12),'gamma',mp.nstr(g,12),'ll',mp.nstr(ll(p,q,g),14))
