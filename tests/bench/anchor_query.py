#!/usr/bin/python3
"""Anchor for bench_query: NumPy evaluates the same query expressions on the same float64 columns
(written by bench_query as raw arrays), vectorised over all rows as a NumPy user writes it:
comparisons, & and |, np.sqrt/np.log10, and the cone as the haversine distance to the centre.
Prints a JSON list of {seconds (median of 7), rows} in the order of the cases.
usage: anchor_query.py DIR   (DIR holds sc_ra.f64 sc_dec.f64 sc_det_ml.f64 sc_ext_ml.f64 flux.f64)"""
import json
import os
import sys
import time

import numpy as np

d = sys.argv[1]
col = {n: np.fromfile(os.path.join(d, n + ".f64"), dtype=np.float64)
       for n in ("sc_ra", "sc_dec", "sc_det_ml", "sc_ext_ml", "flux")}
ra, dec, ml, ext, flux = col["sc_ra"], col["sc_dec"], col["sc_det_ml"], col["sc_ext_ml"], col["flux"]


def cone(ra0, dec0, radius):
    a0, d0 = np.radians(ra0), np.radians(dec0)
    d = np.radians(dec)
    s1 = np.sin((d - d0) / 2)
    s2 = np.sin((np.radians(ra) - a0) / 2)
    return s1 * s1 + np.cos(d) * np.cos(d0) * s2 * s2 <= np.sin(np.radians(radius) / 2) ** 2


cases = [
    lambda: (ml > 10) & (ext < 5),
    lambda: cone(202.48, 47.21, 1.0) & (flux > 1e-14),
    lambda: (np.sqrt(ml * ml + ext * ext) / (ext + 1) > 2) & (np.log10(flux) > -13),
    lambda: ((ml > 10) & (ext < 5)) | (flux > 1e-12),
]
out = []
with np.errstate(all="ignore"):
    for case in cases:
        times = []
        for _ in range(7):
            t = time.perf_counter()
            mask = case()
            times.append(time.perf_counter() - t)
        out.append({"seconds": sorted(times)[3], "rows": int(mask.sum())})
print(json.dumps(out))
