#!/usr/bin/python3
"""Independent reading of MOC FITS files for tst_moc_io: raw big-endian int64 rows of the first
binary table (astropy locates the data; no MOC library), decoded from first principles.

Prints one JSON object per file: {path: {...}} with
  space: cells (minimal NUNIQ decomposition), ranges (merged), area_sr, order (header)
  time:  ranges (merged), duration_us, start_us, end_us
  spacetime: entries (time groups), union area of the space parts
Python integers are exact (no float on cell numbers)."""
import json
import math
import sys

import numpy as np
from astropy.io import fits

NSIDE29 = 12 * 4 ** 29


def raw_column(path):
    with fits.open(path) as h:
        hdu = next(x for x in h[1:] if isinstance(x, fits.BinTableHDU))
        hd = hdu.header
        off = hdu.fileinfo()["datLoc"]
        n, w = hd["NAXIS2"], hd["NAXIS1"]
        form = hd["TFORM1"].strip()
        header = {k: hd.get(k) for k in ("MOCDIM", "ORDERING", "MOCORD_S", "MOCORDER", "MOCORD_T",
                                         "TORDER", "MOC", "TIMESYS", "COORDSYS")}
    with open(path, "rb") as f:
        f.seek(off)
        buf = f.read(n * w)
    width = 8 if form.endswith("K") else 4
    dtype = ">i8" if width == 8 else ">i4"
    rows = np.frombuffer(buf, dtype=np.dtype(dtype), count=n, offset=0) if w == width else \
        np.array([int.from_bytes(buf[i * w:i * w + width], "big", signed=True) for i in range(n)])
    return header, [int(v) for v in rows]


def merge(ranges):
    out = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def minimal_cells(ranges, order, bits, maxorder):
    n = 0
    for a, b in ranges:
        pos = a
        while pos < b:
            o = order
            while o > 0:
                size = 1 << (bits * (maxorder - o + 1))
                if pos % size or pos + size > b:
                    break
                o -= 1
            pos += 1 << (bits * (maxorder - o))
            n += 1
    return n


def space_summary(ranges, order):
    m = merge(ranges)
    cells = sum(b - a for a, b in m)
    return {"ranges": len(m), "cells": minimal_cells(m, order, 2, 29),
            "area_sr": 4 * math.pi * cells / NSIDE29, "order": order}


def uniq_ranges(values):
    out, deepest = [], 0
    for u in values:
        o = (u.bit_length() - 3) // 2
        ipix = u - 4 * 4 ** o
        deepest = max(deepest, o)
        s = 2 * (29 - o)
        out.append((ipix << s, (ipix + 1) << s))
    return out, deepest


def main():
    result = {}
    for path in sys.argv[1:]:
        h, v = raw_column(path)
        dim = (h["MOCDIM"] or "").upper()
        if not dim:
            dim = "TIME.SPACE" if (h["MOC"] or "").upper() in ("SPACETIME", "TIME.SPACE") else \
                ("TIME" if h["TIMESYS"] and not h["COORDSYS"] else "SPACE")
        ordering = (h["ORDERING"] or "NUNIQ").upper()
        r = {"dimension": dim}
        if dim == "SPACE":
            if ordering == "NUNIQ":
                ranges, deepest = uniq_ranges(v)
                header = h["MOCORD_S"] if h["MOCORD_S"] is not None else h["MOCORDER"]
                order = max(deepest, header if header is not None else 0)
                r["area_sr_nuniq"] = sum(4 * math.pi / (12 * 4 ** ((u.bit_length() - 3) // 2)) for u in v)
            else:
                ranges = list(zip(v[0::2], v[1::2]))
                order = h["MOCORD_S"] if h["MOCORD_S"] is not None else 29
            r.update(space_summary(ranges, order))
        elif dim == "TIME":
            m = merge(list(zip(v[0::2], v[1::2])))
            r.update({"ranges": len(m), "duration_us": sum(b - a for a, b in m),
                      "start_us": m[0][0] if m else 0, "end_us": m[-1][1] if m else 0})
        else:
            proto = ordering == "RANGE29"
            entries, space, time = 0, [], []
            prev_time = False
            for a, b in zip(v[0::2], v[1::2]):
                is_time = a < 0
                if is_time:
                    ta, tb = (-a, -b) if proto else (a & ((1 << 63) - 1), b & ((1 << 63) - 1))
                    time.append((ta, tb))
                    if not prev_time:
                        entries += 1
                else:
                    space.append((a, b))
                prev_time = is_time
            m = merge(space)
            r.update({"entries": entries, "space_cells29": sum(b - a for a, b in m),
                      "space_area_sr": 4 * math.pi * sum(b - a for a, b in m) / NSIDE29,
                      "time_start_us": min(t[0] for t in time) if time else 0})
        result[path] = r
    print(json.dumps(result))


if __name__ == "__main__":
    main()
