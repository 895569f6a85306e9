#!/usr/bin/python3
"""Independent profile-likelihood confidence intervals for a power law fitted to an OGIP
spectrum, computed with astropy (reading) and scipy (fitting, root finding) only: the response
is built as a dense matrix from the RMF's F_CHAN/N_CHAN/MATRIX rows, the model is the exact
integral of K E^-Gamma over each RMF energy bin, the statistic is written out from its
definition. Run with Debian's /usr/bin/python3 (python3-astropy, python3-scipy, python3-numpy):

    spectral_profile_oracle.py PHA MODE DELTA
      MODE chi2sub-1-7: grouped, background subtracted, ignore <1 and >7 keV, chi2gehrels
      MODE cstat-0.5-7: ungrouped, notice 0.5-7 keV, cstat (XSPEC's, with its goodness offset)

Prints one JSON document: npoints, stat, best [gamma, norm], and per parameter the interval
[lower, upper] where the statistic minimised over the other parameter rises by DELTA.
"""

import json
import os
import sys

import numpy as np
from astropy.io import fits
from scipy.optimize import brentq, minimize, minimize_scalar


def column_or_key(hdu, name, default):
    if name in hdu.columns.names:
        return np.asarray(hdu.data[name], dtype=float)
    return np.full(len(hdu.data), float(hdu.header.get(name, default)))


def read_pha(path):
    with fits.open(path) as f:
        h = f["SPECTRUM"]
        counts = np.asarray(h.data["COUNTS"], dtype=float)
        spec = {
            "counts": counts,
            "exposure": float(h.header["EXPOSURE"]),
            "backscal": column_or_key(h, "BACKSCAL", 1.0),
            "areascal": column_or_key(h, "AREASCAL", 1.0),
            "grouping": np.asarray(h.data["GROUPING"]) if "GROUPING" in h.columns.names else None,
            "quality": np.asarray(h.data["QUALITY"]) if "QUALITY" in h.columns.names
            else np.zeros(len(counts), dtype=int),
            "header": dict(h.header),
        }
    return spec


def read_rmf(path, nchan):
    with fits.open(path) as f:
        m = f["MATRIX"] if "MATRIX" in f else f["SPECRESP MATRIX"]
        col = m.columns.names.index("F_CHAN") + 1
        tlmin = int(m.header.get("TLMIN%d" % col, 0))
        elo = np.asarray(m.data["ENERG_LO"], dtype=float)
        ehi = np.asarray(m.data["ENERG_HI"], dtype=float)
        dense = np.zeros((len(elo), nchan))
        for row, (ngrp, fch, nch, mat) in enumerate(zip(m.data["N_GRP"], m.data["F_CHAN"],
                                                         m.data["N_CHAN"], m.data["MATRIX"])):
            fch = np.atleast_1d(fch)
            nch = np.atleast_1d(nch)
            mat = np.atleast_1d(mat)
            k = 0
            for g in range(int(ngrp)):
                start = int(fch[g]) - tlmin
                dense[row, start:start + int(nch[g])] = mat[k:k + int(nch[g])]
                k += int(nch[g])
        eb = f["EBOUNDS"].data
        return elo, ehi, dense, np.asarray(eb["E_MIN"], float), np.asarray(eb["E_MAX"], float)


def main():
    pha_path, mode, delta = sys.argv[1], sys.argv[2], float(sys.argv[3])
    folder = os.path.dirname(pha_path)
    src = read_pha(pha_path)
    nchan = len(src["counts"])
    bkg = read_pha(os.path.join(folder, src["header"]["BACKFILE"]))
    elo, ehi, rmf, chan_lo, chan_hi = read_rmf(os.path.join(folder, src["header"]["RESPFILE"]),
                                               nchan)
    with fits.open(os.path.join(folder, src["header"]["ANCRFILE"])) as f:
        arf = np.asarray(f["SPECRESP"].data["SPECRESP"], dtype=float)
    response = (arf[:, None] * rmf) * src["exposure"]

    grouped = mode.startswith("chi2")
    good = src["quality"] == 0
    groups = []  # lists of channel indices
    for c in range(nchan):
        if not good[c]:
            continue
        if not grouped or not groups or src["grouping"][c] == 1:
            groups.append([c])
        else:
            groups[-1].append(c)
    gmin = np.array([chan_lo[g[0]] for g in groups])
    gmax = np.array([chan_hi[g[-1]] for g in groups])
    if mode == "chi2sub-1-7":
        keep = ~((gmin < 1.0) | (gmax > 7.0))
    else:
        keep = (gmax > 0.5) & (gmin < 7.0)
    groups = [g for g, k in zip(groups, keep) if k]
    S = np.array([src["counts"][g].sum() for g in groups])
    B = np.array([bkg["counts"][g].sum() for g in groups])
    ratio = np.array([
        (src["exposure"] * src["backscal"][g].mean() * src["areascal"][g].mean()) /
        (bkg["exposure"] * bkg["backscal"][g].mean() * bkg["areascal"][g].mean()) for g in groups])

    def predicted(p):
        gamma, norm = p
        if abs(gamma - 1.0) < 1e-12:
            flux = norm * np.log(ehi / elo)
        else:
            flux = norm * (ehi ** (1 - gamma) - elo ** (1 - gamma)) / (1 - gamma)
        chans = flux @ response
        return np.array([chans[g].sum() for g in groups])

    if grouped:
        var = (1 + np.sqrt(S + 0.75)) ** 2 + ratio ** 2 * (1 + np.sqrt(B + 0.75)) ** 2
        y = S - ratio * B

        def stat(p):
            return float(np.sum((y - predicted(p)) ** 2 / var))
    else:
        def stat(p):
            mu = np.maximum(predicted(p), 1e-300)
            t = np.where(S > 0, mu - S + S * (np.log(np.maximum(S, 1e-300)) - np.log(mu)), mu)
            return float(2 * np.sum(t))

    # Fit in (gamma, log norm) for conditioning; several starts, best kept.
    def f2(q):
        return stat((q[0], np.exp(q[1])))
    best = None
    for g0 in (1.5, 2.0, 2.5):
        r = minimize(f2, [g0, np.log(1.7e-4)], method="Nelder-Mead",
                     options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000})
        r = minimize(f2, r.x, method="BFGS", options={"gtol": 1e-10})
        if best is None or r.fun < best.fun:
            best = r
    gamma0, lnorm0 = best.x
    stat0 = best.fun

    def profile_gamma(g):
        r = minimize_scalar(lambda ln: f2([g, ln]), bracket=(lnorm0 - 0.3, lnorm0 + 0.3),
                            tol=1e-12)
        return r.fun - stat0 - delta

    def profile_norm(ln):
        r = minimize_scalar(lambda g: f2([g, ln]), bracket=(gamma0 - 0.3, gamma0 + 0.3),
                            tol=1e-12)
        return r.fun - stat0 - delta

    def interval(fun, x0, scale):
        lo_edge = x0 - scale
        while fun(lo_edge) < 0:
            lo_edge -= scale
        hi_edge = x0 + scale
        while fun(hi_edge) < 0:
            hi_edge += scale
        return (brentq(fun, lo_edge, x0, xtol=1e-12), brentq(fun, x0, hi_edge, xtol=1e-12))

    g_int = interval(profile_gamma, gamma0, 0.1)
    n_int = interval(profile_norm, lnorm0, 0.05)
    print(json.dumps({
        "npoints": len(groups),
        "stat": stat0,
        "best": [gamma0, float(np.exp(lnorm0))],
        "intervals": [list(g_int), [float(np.exp(n_int[0])), float(np.exp(n_int[1]))]],
    }))


if __name__ == "__main__":
    main()
