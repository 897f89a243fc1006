# Independent check of gamma_gamma_fit (sql/gamma_gamma.sql): the exact maximum of the
# Gamma-Gamma likelihood, as the root of its gradient, with mpmath (Debian: python3-mpmath).
# Run by hand from the checkout: python3 test/reference/gamma_gamma_mle_sample.py
import mpmath as mp, re
from collections import defaultdict, Counter
mp.mp.dps = 25
days=defaultdict(lambda: defaultdict(float))
for line in open('../shared/data/cdnow/CDNOW_sample.txt'):
    f=line.split()
    if not f or 'customer_id' in line: continue
    d=f[2]
    if d>'19970930': continue
    days[f[1]][d]+=float(f[4])
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
sol=mp.findroot(grad,(mp.log(6.2496),mp.log(3.7442),mp.log(15.4435)))
p,q,g=[mp.exp(v) for v in sol]
print('p',mp.nstr(p,12),'q',mp.nstr(q,12),'gamma',mp.nstr(g,12),'ll',mp.nstr(ll(p,q,g),14))
