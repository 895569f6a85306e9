#!/usr/bin/python3
"""Independent values for XSky's timing tests (NumPy, SciPy, astropy).

usage:
  timing_oracle.py chi2 X DOF [X DOF ...]     scipy.stats.chi2.sf for each pair
  timing_oracle.py variability FILE           FILE: "rate error" per line; chi-square against the
                                              weighted mean, its probability, Fvar and its error
                                              (Vaughan et al. 2003 eq. 10 and B2)
  timing_oracle.py blocks FILE P0             FILE: one event time per line; the edges of
                                              astropy.stats.bayesian_blocks(fitness='events', p0)
  timing_oracle.py z2 FILE EPOCH NHARM F [F ...]  direct NumPy Z^2_n sums at each frequency
  timing_oracle.py ls FILE F [F ...]          FILE: "t y" per line; Scargle 1982 eq. 10 and 11
                                              (mean removed, divided by the sample variance)
Prints one JSON document.
"""
import json
import sys

import numpy as np
from scipy import stats


def main():
    mode = sys.argv[1]
    a = sys.argv[2:]
    if mode == "chi2":
        out = [float(stats.chi2.sf(float(a[i]), float(a[i + 1]))) for i in range(0, len(a), 2)]
    elif mode == "variability":
        d = np.loadtxt(a[0], ndmin=2)
        x, s = d[:, 0], d[:, 1]
        w = 1.0 / s**2
        m = np.sum(w * x) / np.sum(w)
        chi2 = float(np.sum((x - m) ** 2 * w))
        n = len(x)
        xbar = x.mean()
        s2 = x.var(ddof=1)
        err2 = np.mean(s**2)
        fvar = np.sqrt((s2 - err2) / xbar**2)
        fvar_err = np.sqrt((np.sqrt(1.0 / (2 * n)) * err2 / (xbar**2 * fvar)) ** 2
                           + (np.sqrt(err2 / n) / xbar) ** 2)
        out = {"chi2": chi2, "dof": n - 1, "prob": float(stats.chi2.sf(chi2, n - 1)),
               "fvar": float(fvar), "fvar_err": float(fvar_err)}
    elif mode == "blocks":
        from astropy.stats import bayesian_blocks
        t = np.loadtxt(a[0])
        out = [float(e) for e in bayesian_blocks(t, fitness="events", p0=float(a[1]))]
    elif mode == "z2":
        t = np.loadtxt(a[0])
        epoch, nharm = float(a[1]), int(a[2])
        out = []
        for f in (float(v) for v in a[3:]):
            phi = 2 * np.pi * f * (t - epoch)
            k = np.arange(1, nharm + 1)[:, None]
            z = 2.0 / len(t) * np.sum(np.sum(np.cos(k * phi), axis=1) ** 2
                                      + np.sum(np.sin(k * phi), axis=1) ** 2)
            out.append(float(z))
    elif mode == "ls":
        d = np.loadtxt(a[0], ndmin=2)
        t, y = d[:, 0], d[:, 1] - d[:, 1].mean()
        var = y.var(ddof=1)
        out = []
        for f in (float(v) for v in a[1:]):
            w = 2 * np.pi * f
            tau = np.arctan2(np.sum(np.sin(2 * w * t)), np.sum(np.cos(2 * w * t))) / (2 * w)
            c, s_ = np.cos(w * (t - tau)), np.sin(w * (t - tau))
            out.append(float(0.5 * (np.sum(y * c) ** 2 / np.sum(c * c)
                                    + np.sum(y * s_) ** 2 / np.sum(s_ * s_)) / var))
    else:
        sys.exit("unknown mode " + mode)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
