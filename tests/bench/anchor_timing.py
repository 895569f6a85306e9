#!/usr/bin/python3
"""NumPy and astropy anchors of bench_timing (same events as XSky, read from raw float64 files).

usage:
  anchor_timing.py z2 TIMES.f64 EPOCH FMIN STEP COUNT NHARM   vectorised direct Z^2_n sum at
                        frequencies FMIN + i STEP, i < COUNT (events x frequency chunks)
  anchor_timing.py blocks TIMES.f64 P0      astropy.stats.bayesian_blocks(fitness='events', p0)
Prints one JSON document: the wall time in seconds and the values.
"""
import json
import sys
import time

import numpy as np


def main():
    mode, path = sys.argv[1], sys.argv[2]
    t = np.fromfile(path, dtype=np.float64)
    if mode == "z2":
        epoch, fmin, step = float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
        count, nharm = int(sys.argv[6]), int(sys.argv[7])
        dt = t - epoch
        f = fmin + step * np.arange(count)
        start = time.perf_counter()
        z = np.empty(count)
        chunk = 8
        for i in range(0, count, chunk):
            phase = 2 * np.pi * np.outer(f[i:i + chunk], dt)  # (chunk, N)
            acc = np.zeros(len(f[i:i + chunk]))
            for k in range(1, nharm + 1):
                acc += np.sum(np.cos(k * phase), axis=1) ** 2 + np.sum(np.sin(k * phase), axis=1) ** 2
            z[i:i + chunk] = 2.0 / len(t) * acc
        seconds = time.perf_counter() - start
        out = {"seconds": seconds, "power": z.tolist()}
    elif mode == "blocks":
        from astropy.stats import bayesian_blocks
        p0 = float(sys.argv[3])
        start = time.perf_counter()
        edges = bayesian_blocks(t, fitness="events", p0=p0)
        out = {"seconds": time.perf_counter() - start, "edges": [float(e) for e in edges]}
    else:
        raise SystemExit("unknown mode " + mode)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
