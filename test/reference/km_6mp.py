#!/usr/bin/env python3
"""Independent Kaplan-Meier reference for sql/survival.sql (expected/survival.out).

Freireich et al. (1963) 6-MP arm.  Computes S(t), the Greenwood standard
error and the log-log confidence interval from first principles, with the
normal quantile found by bisection on math.erf (not the C code's algorithm).
Run: python3 test/reference/km_6mp.py
"""
import math

data = "6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+".split()
obs = [(float(x.rstrip('+')), not x.endswith('+')) for x in data]


def z_two_sided(conf):
    lo, hi = 0.0, 10.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if math.erf(mid / math.sqrt(2)) < conf:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def curve(obs, conf=0.95):
    z = z_two_sided(conf)
    times = sorted({t for t, e in obs if e})
    s, gw, rows = 1.0, 0.0, []
    for t in times:
        n = sum(1 for u, _ in obs if u >= t)      # at risk: censored at t included
        d = sum(1 for u, e in obs if u == t and e)
        s *= 1 - d / n
        gw += d / (n * (n - d))
        sigma = math.sqrt(gw) / abs(math.log(s))
        rows.append((t, n, d, s, s ** math.exp(z * sigma), s ** math.exp(-z * sigma), s * math.sqrt(gw)))
    return rows


for t, n, d, s, lo, hi, se in curve(obs):
    print(f"{t:4g} n={n:2d} d={d} S={s:.9f} low={lo:.9f} high={hi:.9f} se={se:.9f}")
t, n, d, s, lo, hi, se = curve(obs, 0.90)[0]
print(f"90% at 6: low={lo:.9f} high={hi:.9f}")
