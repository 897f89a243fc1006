#!/usr/bin/env python3
# test/reference/gamma_gamma_ref.py: the independent reference for the figures in
# sql/gamma_gamma.sql (python3 only, about 4 minutes): run it by hand.
# independent reference: rfm from raw CDNOW transactions, then a Gamma-Gamma fit by
# a plain Nelder-Mead in python (no shared code with the C implementation)
import math, collections, datetime, sys
def rfm(path, idcol, datecol, amtcol, header):
    days = collections.defaultdict(lambda: collections.defaultdict(float))
    with open(path) as f:
        if header: next(f)
        for line in f:
            t = line.split()
            d = datetime.date(int(t[datecol][:4]), int(t[datecol][4:6]), int(t[datecol][6:]))
            if d <= datetime.date(1997, 9, 30):
                days[t[idcol]][d] += float(t[amtcol])
    out = []
    for c, dd in days.items():
        ks = sorted(dd)
        x = len(ks) - 1
        m = sum(dd[k] for k in ks[1:]) / x if x else 0.0
        out.append((x, m))
    return out
def nll(th, data):
    p, q, g = map(math.exp, th)
    s = 0.0
    for x, m in data:
        px = p * x
        s += math.lgamma(px+q)-math.lgamma(px)-math.lgamma(q)+q*math.log(g)+px*math.log(x)+(px-1)*math.log(m)-(px+q)*math.log(g+x*m)
    return -s
def nm(f, x0, step=0.5, iters=3000):
    n = len(x0); S = [list(x0)] + [[x0[j] + (step if i == j else 0) for j in range(n)] for i in range(n)]
    F = [f(s) for s in S]
    for _ in range(iters):
        o = sorted(range(n+1), key=lambda i: F[i]); S = [S[i] for i in o]; F = [F[i] for i in o]
        c = [sum(S[i][j] for i in range(n)) / n for j in range(n)]
        xr = [c[j] + (c[j] - S[-1][j]) for j in range(n)]; fr = f(xr)
        if fr < F[0]:
            xe = [c[j] + 2*(c[j] - S[-1][j]) for j in range(n)]; fe = f(xe)
            S[-1], F[-1] = (xe, fe) if fe < fr else (xr, fr)
        elif fr < F[-2]: S[-1], F[-1] = xr, fr
        else:
            xc = [c[j] + 0.5*(S[-1][j] - c[j]) for j in range(n)]; fc = f(xc)
            if fc < F[-1]: S[-1], F[-1] = xc, fc
            else:
                for i in range(1, n+1):
                    S[i] = [S[0][j] + 0.5*(S[i][j] - S[0][j]) for j in range(n)]; F[i] = f(S[i])
    i = min(range(n+1), key=lambda i: F[i]); return S[i], F[i]
for name, args in [('sample', ('/work/shared/data/cdnow/CDNOW_sample.txt', 1, 2, 4, False)),
                   ('master', ('/work/shared/data/cdnow/CDNOW_master.txt', 0, 1, 3, True))]:
    r = rfm(*args)
    rep = [(x, m) for x, m in r if x > 0 and m > 0]
    print(name, 'customers', len(r), 'repeat', sum(1 for x, m in r if x > 0), 'excluded', sum(1 for x, m in r if x > 0 and m <= 0))
    th = [0.0, math.log(2), math.log(sum(m for x, m in rep)/len(rep))]
    for k in range(4):
        th, fv = nm(lambda t: nll(t, rep), th, 0.5 * 0.3**k, 1500)
    print(name, 'p q gamma', [math.exp(t) for t in th], 'loglik', -fv)
