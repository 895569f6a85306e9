#!/usr/bin/python3
"""Cross-match oracle for XSky's core/catalog/CrossMatch tests (astropy.coordinates).

usage:
  crossmatch_oracle.py make DIR KIND SEED N1 N2
      writes DIR/first.bin and DIR/second.bin (float64 little-endian: N RAs then N Decs, ICRS
      degrees); about half of the second list are first-list positions moved by up to ~8 arcsec.
      KIND: field (RA 359..1 across 0, Dec -30..-28), pole (Dec > 88.5), sky (uniform sphere).
      Prints JSON {"first": path, "second": path}.
  crossmatch_oracle.py match FIRST SECOND RADIUS_ARCSEC
      prints JSON {"nearest": {"index": [...], "sep_deg": [...]},        (match_to_catalog_sky)
                   "pairs": {"first": [...], "second": [...], "sep_deg": [...]}}
                                                                          (search_around_sky)
  crossmatch_oracle.py circles FILE SPEC
      SPEC: JSON list of {"ra", "dec", "radius_deg", "include": bool}; prints JSON list of the rows
      inside any included circle and outside every excluded one (separations from astropy).
"""
import json
import sys

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord


def read(path):
    v = np.fromfile(path, dtype="<f8")
    n = v.size // 2
    return v[:n], v[n:]


def write(path, ra, dec):
    np.concatenate([np.asarray(ra, "<f8"), np.asarray(dec, "<f8")]).tofile(path)


def positions(kind, rng, n):
    if kind == "field":
        ra = (rng.uniform(-1.0, 1.0, n)) % 360.0
        dec = rng.uniform(-30.0, -28.0, n)
    elif kind == "pole":
        ra = rng.uniform(0.0, 360.0, n)
        dec = np.degrees(np.arcsin(rng.uniform(np.sin(np.radians(88.5)), 1.0, n)))
    else:
        ra = rng.uniform(0.0, 360.0, n)
        dec = np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, n)))
    return ra, dec


def make(folder, kind, seed, n1, n2):
    rng = np.random.default_rng(seed)
    ra1, dec1 = positions(kind, rng, n1)
    ra2, dec2 = positions(kind, rng, n2)
    # About half of the second list: first-list sources seen again, a few arcsec away.
    k = min(n1, n2 // 2)
    pick = rng.choice(n1, size=k, replace=False)
    c = SkyCoord(ra1[pick] * u.deg, dec1[pick] * u.deg)
    moved = c.directional_offset_by(rng.uniform(0, 360, k) * u.deg, rng.uniform(0, 8, k) * u.arcsec)
    ra2[:k] = moved.ra.deg
    dec2[:k] = np.clip(moved.dec.deg, -90, 90)
    first, second = f"{folder}/first.bin", f"{folder}/second.bin"
    write(first, ra1, dec1)
    write(second, ra2, dec2)
    print(json.dumps({"first": first, "second": second}))


def match(first, second, radius_arcsec):
    ra1, dec1 = read(first)
    ra2, dec2 = read(second)
    c1 = SkyCoord(ra1 * u.deg, dec1 * u.deg)
    c2 = SkyCoord(ra2 * u.deg, dec2 * u.deg)
    idx, sep, _ = c1.match_to_catalog_sky(c2)
    # search_around_sky returns (indices into its argument, indices into self).
    i1, i2, sep2, _ = c2.search_around_sky(c1, radius_arcsec * u.arcsec)
    order = np.lexsort((i2, i1))
    print(json.dumps({
        "nearest": {"index": idx.tolist(), "sep_deg": sep.deg.tolist()},
        "pairs": {"first": i1[order].tolist(), "second": i2[order].tolist(),
                  "sep_deg": sep2.deg[order].tolist()},
    }))


def circles(path, spec):
    ra, dec = read(path)
    c = SkyCoord(ra * u.deg, dec * u.deg)
    inside = np.zeros(ra.size, bool)
    cut = np.zeros(ra.size, bool)
    for s in json.loads(spec):
        d = c.separation(SkyCoord(s["ra"] * u.deg, s["dec"] * u.deg)).deg
        if s["include"]:
            inside |= d <= s["radius_deg"]
        else:
            cut |= d <= s["radius_deg"]
    print(json.dumps(np.nonzero(inside & ~cut)[0].tolist()))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "make":
        make(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif cmd == "match":
        match(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    elif cmd == "circles":
        circles(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown command {cmd}")
