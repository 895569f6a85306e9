#!/usr/bin/python3
"""Anchor for bench_region_contains: NumPy tests the same float32 event arrays against the same
regions (given in pixels: a circle, a polygon, an annulus with excluded circles), vectorised over
all events as a NumPy user would write it. Prints a JSON list of {seconds (median of 7), inside}.
usage: anchor_region_contains.py X.f32 Y.f32 CASES.json"""
import json
import sys
import time

import numpy as np


def circle(x, y, c, r):
    dx = x - np.float32(c[0])
    dy = y - np.float32(c[1])
    return dx * dx + dy * dy <= np.float32(r * r)


def polygon(x, y, vertices):
    v = np.asarray(vertices, dtype=np.float64)
    inside = np.zeros(x.shape, dtype=bool)
    xj, yj = v[-1]
    for xi, yi in v:  # even-odd crossing test, one edge at a time over all events
        crosses = (yi > y) != (yj > y)
        xcross = (xj - xi) * (y - yi) / (yj - yi) + xi
        inside ^= crosses & (x < xcross)
        xj, yj = xi, yi
    return inside


def annulus(x, y, c, radii, exclude):
    dx = x - np.float32(c[0])
    dy = y - np.float32(c[1])
    r2 = dx * dx + dy * dy
    m = (r2 >= np.float32(radii[0] ** 2)) & (r2 <= np.float32(radii[1] ** 2))
    for e in exclude:
        m &= ~circle(x, y, e["centre"], e["radius"])
    return m


def run(case, x, y):
    if case["kind"] == "circle":
        return circle(x, y, case["centre"], case["radius"])
    if case["kind"] == "polygon":
        return polygon(x, y, case["vertices"])
    return annulus(x, y, case["centre"], case["radii"], case["exclude"])


x = np.fromfile(sys.argv[1], dtype=np.float32)
y = np.fromfile(sys.argv[2], dtype=np.float32)
out = []
for case in json.load(open(sys.argv[3])):
    times = []
    for _ in range(7):
        t = time.perf_counter()
        mask = run(case, x, y)
        times.append(time.perf_counter() - t)
    out.append({"seconds": sorted(times)[3], "inside": int(mask.sum())})
print(json.dumps(out))
