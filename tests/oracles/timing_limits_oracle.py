#!/usr/bin/python3
"""Independent values for XSky's Poisson limits, rebinning and long-term light curves
(NumPy, SciPy, astropy).

usage:
  timing_limits_oracle.py kbn CL N B [N B ...]      astropy poisson_conf_interval
                                                    (interval='kraft-burrows-nousek')
  timing_limits_oracle.py gehrels N [N ...]         astropy 'frequentist-confidence' (1 sigma)
  timing_limits_oracle.py rebin FILE FACTOR         FILE: "start width fracexp rate error counts"
                                                    per line; exposure-weighted merge of FACTOR
                                                    consecutive bins (no gaps in FILE)
  timing_limits_oracle.py longterm FILE             FILE: "S B Tsrc Tbkg BSsrc BSbkg" per line;
                                                    per observation: detected (Poisson tail
                                                    < 1.35e-3), net rate or KBN 99.73 % limit
Prints one JSON document.
"""
import json
import sys

import numpy as np
from astropy.stats import poisson_conf_interval
from scipy import stats


def kbn(n, b, cl):
    lo, hi = poisson_conf_interval(n, interval="kraft-burrows-nousek", background=b,
                                   confidence_level=cl)
    return [float(lo), float(hi)]


def main():
    mode = sys.argv[1]
    a = sys.argv[2:]
    if mode == "kbn":
        cl = float(a[0])
        out = [kbn(int(a[i]), float(a[i + 1]), cl) for i in range(1, len(a), 2)]
    elif mode == "gehrels":
        n = np.array([float(v) for v in a])
        lo, hi = poisson_conf_interval(n, interval="frequentist-confidence")
        out = [[float(x), float(y)] for x, y in zip(lo, hi)]
    elif mode == "rebin":
        d = np.loadtxt(a[0], ndmin=2)
        k = int(a[1])
        out = []
        for i in range(0, len(d), k):
            g = d[i:i + k]
            e = g[:, 1] * g[:, 2]
            out.append({"start": float(g[0, 0]), "width": float(g[-1, 0] + g[-1, 1] - g[0, 0]),
                        "rate": float(np.sum(g[:, 3] * e) / e.sum()),
                        "error": float(np.sqrt(np.sum((g[:, 4] * e) ** 2)) / e.sum()),
                        "counts": float(g[:, 5].sum())})
    elif mode == "longterm":
        d = np.loadtxt(a[0], ndmin=2)
        out = []
        for s, b, ts, tb, bss, bsb in d:
            mu = b * (bss / bsb) * (ts / tb)
            fap = float(stats.poisson.sf(s - 1, mu)) if s > 0 else 1.0
            det = fap < 1.3498980316301e-3
            rate = (s - mu) / ts if det else kbn(int(s), mu, 0.99730020393674)[1] / ts
            out.append({"detected": bool(det), "rate": float(rate), "fap": fap})
    else:
        raise SystemExit("unknown mode " + mode)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
