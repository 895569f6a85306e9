#!/usr/bin/python3
"""Independent points of a two-parameter confidence grid: wabs*powerlaw on the 3c273 spectrum
(grouped, notice 0.5-7 keV, background subtracted, chi2gehrels), the statistic at given values
of two parameters minimised over the third with scipy's bounded Brent search. Reading and the
dense response come from spectral_profile_oracle.py (astropy only); wabs is exp(-nH sigma(E)) at
each response energy bin's mid-point with sigma from Morrison & McCammon (1983) Table 2
(MM83_CSV), held as E^-3 outside 0.03-10 keV; the power law is integrated exactly over each bin.
Run with Debian's /usr/bin/python3:

    spectral_contour_oracle.py PHA MM83_CSV X,Y P1 P2 [P1 P2 ...]
      X, Y: the stepped parameters, two of nh, gamma, norm
      P1 P2: values of X and Y at one grid point (repeat for more points)
    spectral_contour_oracle.py PHA MM83_CSV eval NH GAMMA NORM
      the statistic at these values, no minimisation

Prints one JSON document: npoints, and "statistic" (one per point) with "other" (the minimising
value of the third parameter), or "statistic" alone for eval.
"""

import csv
import json
import os
import sys

import numpy as np
from scipy.optimize import minimize_scalar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spectral_profile_oracle import read_pha, read_rmf  # noqa: E402

NAMES = ["nh", "gamma", "norm"]
BOUNDS = {"nh": (0.0, 5.0), "gamma": (-3.0, 10.0), "norm": (0.0, 1e-2)}
XATOL = {"nh": 1e-11, "gamma": 1e-11, "norm": 1e-15}


def wabs_sigma(path, energies):
    rows = [r for r in csv.reader(open(path)) if r and not r[0].startswith("#")][1:]
    table = [tuple(map(float, r)) for r in rows]
    lo_edge, hi_edge = table[0][0], table[-1][1]
    out = np.empty_like(energies)
    for k, e in enumerate(energies):
        x = min(max(e, lo_edge), hi_edge)
        use = table[-1]
        for t in table:
            if x < t[1]:
                use = t
                break
        out[k] = (use[2] + use[3] * x + use[4] * x * x) / e ** 3 * 1e-24
    return out  # cm^2 per H atom


def main():
    pha_path, mm83 = sys.argv[1], sys.argv[2]
    folder = os.path.dirname(pha_path)
    src = read_pha(pha_path)
    nchan = len(src["counts"])
    bkg = read_pha(os.path.join(folder, src["header"]["BACKFILE"]))
    elo, ehi, rmf, chan_lo, chan_hi = read_rmf(os.path.join(folder, src["header"]["RESPFILE"]),
                                               nchan)
    with fits_open(os.path.join(folder, src["header"]["ANCRFILE"])) as f:
        arf = np.asarray(f["SPECRESP"].data["SPECRESP"], dtype=float)
    response = (arf[:, None] * rmf) * src["exposure"]
    sigma = wabs_sigma(mm83, 0.5 * (elo + ehi)) * 1e22

    good = src["quality"] == 0
    groups = []
    for c in range(nchan):
        if not good[c]:
            continue
        if not groups or src["grouping"][c] == 1:
            groups.append([c])
        else:
            groups[-1].append(c)
    gmin = np.array([chan_lo[g[0]] for g in groups])
    gmax = np.array([chan_hi[g[-1]] for g in groups])
    groups = [g for g, k in zip(groups, (gmax > 0.5) & (gmin < 7.0)) if k]
    S = np.array([src["counts"][g].sum() for g in groups])
    B = np.array([bkg["counts"][g].sum() for g in groups])
    ratio = np.array([
        (src["exposure"] * src["backscal"][g].mean() * src["areascal"][g].mean()) /
        (bkg["exposure"] * bkg["backscal"][g].mean() * bkg["areascal"][g].mean()) for g in groups])
    var = (1 + np.sqrt(S + 0.75)) ** 2 + ratio ** 2 * (1 + np.sqrt(B + 0.75)) ** 2
    y = S - ratio * B

    def stat(p):
        nh, gamma, norm = p
        if abs(gamma - 1.0) < 1e-12:
            flux = norm * np.log(ehi / elo)
        else:
            flux = norm * (ehi ** (1 - gamma) - elo ** (1 - gamma)) / (1 - gamma)
        chans = (flux * np.exp(-nh * sigma)) @ response
        mu = np.array([chans[g].sum() for g in groups])
        return float(np.sum((y - mu) ** 2 / var))

    if sys.argv[3] == "eval":
        p = [float(v) for v in sys.argv[4:7]]
        print(json.dumps({"npoints": len(groups), "statistic": stat(p)}))
        return
    xname, yname = sys.argv[3].split(",")
    ix, iy = NAMES.index(xname), NAMES.index(yname)
    other = ({0, 1, 2} - {ix, iy}).pop()
    values = [float(v) for v in sys.argv[4:]]
    stats, others = [], []
    for xv, yv in zip(values[0::2], values[1::2]):
        def f(v):
            p = [0.0, 0.0, 0.0]
            p[ix], p[iy], p[other] = xv, yv, v
            return stat(p)
        r = minimize_scalar(f, bounds=BOUNDS[NAMES[other]], method="bounded",
                            options={"xatol": XATOL[NAMES[other]], "maxiter": 2000})
        stats.append(float(r.fun))
        others.append(float(r.x))
    print(json.dumps({"npoints": len(groups), "statistic": stats, "other": others}))


def fits_open(path):
    from astropy.io import fits
    return fits.open(path)


if __name__ == "__main__":
    main()
