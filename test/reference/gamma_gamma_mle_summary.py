# Independent check of gamma_gamma_fit (sql/gamma_gamma.sql): the exact maximum of the
# Gamma-Gamma likelihood, as the root of its gradient, with mpmath (Debian: python3-mpmath).
# Run by hand from the checkout: python3 test/reference/gamma_gamma_mle_summary.py
import csv, mpmath as mp
mp.mp.dps = 30
rows=[(int(r['x']) if 'x' in r else None, r) for r in []]
data=[]
with open('../shared/data/cdnow/cdnow_summary.csv') as f:
    rd=csv.DictReader(f)
    for r in rd:
        x=int(r['x']); z=float(r['zbar'])
        if x>0 and z>0: data.append((x,mp.mpf(z)))
from collections import Counter
C=Counter(data)
def ll(p,q,g):
    s=mp.mpf(0)
    for (x,m),w in C.items():
        px=p*x
        s+=w*(mp.loggamma(px+q)-mp.loggamma(px)-mp.loggamma(q)+q*mp.log(g)+px*mp.log(x)+(px-1)*mp.log(m)-(px+q)*mp.log(g+x*m))
    return s
def grad(t):
    return [mp.diff(lambda a: ll(mp.exp(a),mp.exp(t[1]),mp.exp(t[2])), t[0]),
            mp.diff(lambda a: ll(mp.exp(t[0]),mp.exp(a),mp.exp(t[2])), t[1]),
            mp.diff(lambda a: ll(mp.exp(t[0]),mp.exp(t[1]),mp.exp(a)), t[2])]
sol=mp.findroot(lambda a,b,c: grad([a,b,c]), (mp.log(6.2488),mp.log(3.7446),mp.log(15.4477)))
p,q,g=[mp.exp(v) for v in sol]
print('p',mp.nstr(p,15),'q',mp.nstr(q,15),'gamma',mp.nstr(g,15),'ll',mp.nstr(ll(p,q,g),15), 'n', sum(C.values()))
H=mp.hessian(lambda a,b,c: -ll(mp.exp(a),mp.exp(b),mp.exp(c))/sum(C.values()), list(sol)) if hasattr(mp,'hessian') else None
N=sum(C.values())
def f(t): return -ll(mp.exp(t[0]),mp.exp(t[1]),mp.exp(t[2]))/N
t0=list(sol); h=mp.mpf('1e-6')
H=mp.matrix(3,3)
for i in range(3):
  for j in range(3):
    def sh(a,b):
      t=list(t0); t[i]+=a; t[j]+=b; return f(t)
    H[i,j]=(sh(h,h)-sh(h,-h)-sh(-h,h)+sh(-h,-h))/(4*h*h)
E,Q=mp.eigsy(H)
print('eig',[mp.nstr(e,5) for e in E])
# alt param: (log p, log q, log(g/q))
