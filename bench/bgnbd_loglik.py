"""bench/bgnbd_loglik.py: the numpy baseline of bench/cases/bgnbd.sql.

    /usr/bin/python3 bench/bgnbd_loglik.py R ALPHA A B [CSV] [--evals N]

Reads the customers (frequency x, recency t_x, age T per line, CSV without
header; from the file CSV, or from standard input) and times one vectorized
evaluation of the total BG/NBD log-likelihood (Fader, Hardie & Lee 2005,
eq. 6) over all rows at (r, alpha, a, b): one warm-up, then the median of N
evaluations (default 7).  Reading the data is not timed.  Prints one line:
the median in ms, the log-likelihood (shortest exact repr), the rows and N.

The sum is over customer rows, as ror's loglik field is a sum of w * LL_i
over its distinct patterns (w = their customers), so the two agree.
"""
import argparse
import statistics
import sys
import time

import numpy as np
from scipy.special import gammaln


def loglik(x, t_x, age, r, alpha, a, b):
    """Sum over customers of LL_i; x, t_x, age float64 arrays."""
    rx = r + x
    a1 = gammaln(rx) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -rx * np.log(alpha + age)
    repeat = x > 0
    # b + x - 1 may be <= 0 where x = 0: a safe argument there, and no term
    a4 = np.where(repeat,
                  np.log(a) - np.log(np.where(repeat, b + x - 1.0, 1.0)) - rx * np.log(alpha + t_x),
                  -np.inf)
    return float(np.sum(a1 + a2 + np.logaddexp(a3, a4)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name in ("r", "alpha", "a", "b"):
        p.add_argument(name, type=float)
    p.add_argument("csv", nargs="?", default="-", help="x,t_x,T per line; - or absent: standard input")
    p.add_argument("--evals", type=int, default=7, help="timed evaluations after the warm-up")
    args = p.parse_args()
    if args.evals < 1:
        p.error("--evals must be at least 1")
    src = sys.stdin if args.csv == "-" else args.csv
    data = np.loadtxt(src, delimiter=",", dtype=np.float64, ndmin=2)
    if data.shape[0] == 0 or data.shape[1] != 3:
        sys.exit("bgnbd_loglik.py: expected rows of x,t_x,T, got an array of shape %s" % (data.shape,))
    # contiguous columns, as a numpy user would hold them
    x, t_x, age = (np.ascontiguousarray(data[:, k]) for k in range(3))
    params = (args.r, args.alpha, args.a, args.b)
    ll = loglik(x, t_x, age, *params)                # warm-up
    times = []
    for _ in range(args.evals):
        t0 = time.perf_counter()
        ll = loglik(x, t_x, age, *params)
        times.append((time.perf_counter() - t0) * 1000.0)
    print("%.4f %r %d %d" % (statistics.median(times), ll, x.size, args.evals))


if __name__ == "__main__":
    main()
