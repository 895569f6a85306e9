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
  crossmatch_oracle.py tables DIR SEED
      writes DIR/a.fits (FITS binary table: NAME, RA, DEC [deg], FLUX, A_ID), DIR/b.vot (VOTable:
      NAME, RA, DEC with UCDs pos.eq.ra/dec;meta.main, FLUX, B_ID; rows shuffled) and
      DIR/nopos.fits (X, Y, FLUX: no position columns). A: 300 sources across RA 0/360 (Dec -30..-28),
      around the north pole (Dec > 88.5), over the sky, and a few at the poles and RA 359.9999.
      B: counterparts of 160 A sources at known offsets (0.3 .. 7.5 arcsec, some just inside and
      just outside 5 arcsec; 30 of them with a second, farther one) and 90 unrelated sources.
      Prints JSON {"a", "b", "nopos", "rows1", "rows2"}.
  crossmatch_oracle.py tablematch A B RADIUS_ARCSEC
      reads both tables with astropy; prints JSON
        {"nearest": {"row1": [...], "row2": [...], "sep_arcsec": [...]}   (match_to_catalog_sky,
                                                                          sep <= R only)
         "pairs": {"row1": [...], "row2": [...], "sep_arcsec": [...]}}    (search_around_sky, by
                                                                          row1 then row2)
  crossmatch_oracle.py readtable FILE
      prints JSON {"names": [...], "units": [...], "ucds": [...], "columns": {name: [values]}} of a
      VOTable as astropy reads it.
"""
import json
import sys

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.table import Table


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


def tables(folder, seed):
    rng = np.random.default_rng(seed)
    field_ra, field_dec = positions("field", rng, 120)
    pole_ra, pole_dec = positions("pole", rng, 100)
    sky_ra, sky_dec = positions("sky", rng, 76)
    edge_ra = [359.9999, 0.0, 10.0, 359.99999]
    edge_dec = [-29.5, 89.9995, 90.0, -89.9999]
    ra1 = np.concatenate([field_ra, pole_ra, sky_ra, edge_ra])
    dec1 = np.concatenate([field_dec, pole_dec, sky_dec, edge_dec])
    n1 = ra1.size

    # Counterparts: the four edge sources (across RA 0, through the north pole, at both poles),
    # then 156 others at offsets that cycle through the list (4.95 and 5.05 straddle 5 arcsec).
    edge = np.arange(n1 - 4, n1)
    ra2 = [0.0004, 180.0, 200.0, 179.99]
    dec2 = [-29.5, 89.9996, 89.999, -89.9998]
    offsets = np.array([0.3, 1.0, 2.0, 3.5, 4.5, 4.95, 5.05, 6.0, 7.5])
    picked = rng.choice(n1 - 4, size=156, replace=False)
    c = SkyCoord(ra1[picked] * u.deg, dec1[picked] * u.deg)
    near = offsets[np.arange(picked.size) % offsets.size]
    moved = c.directional_offset_by(rng.uniform(0, 360, picked.size) * u.deg, near * u.arcsec)
    ra2 = np.concatenate([ra2, moved.ra.deg])
    dec2 = np.concatenate([dec2, moved.dec.deg])
    # A second, farther counterpart for 30 of them (the nearest must win; --all lists both).
    twice = picked[:30]
    c = SkyCoord(ra1[twice] * u.deg, dec1[twice] * u.deg)
    farther = near[:30] + rng.uniform(0.2, 2.0, 30)
    moved = c.directional_offset_by(rng.uniform(0, 360, 30) * u.deg, farther * u.arcsec)
    ra2 = np.concatenate([ra2, moved.ra.deg])
    dec2 = np.concatenate([dec2, moved.dec.deg])
    # Unrelated sources in the same places.
    for kind, n in (("field", 40), ("pole", 30), ("sky", 20)):
        r, d = positions(kind, rng, n)
        ra2 = np.concatenate([ra2, r])
        dec2 = np.concatenate([dec2, d])
    order = rng.permutation(ra2.size)
    ra2, dec2 = ra2[order], np.clip(dec2[order], -90, 90)
    n2 = ra2.size

    a = Table()
    a["NAME"] = [f"A{i:04d}" for i in range(n1)]
    a["RA"] = ra1
    a["RA"].unit = u.deg
    a["DEC"] = dec1
    a["DEC"].unit = u.deg
    a["FLUX"] = rng.lognormal(-30, 1, n1).astype(np.float32)
    a["A_ID"] = np.arange(n1, dtype=np.int32)
    a.write(f"{folder}/a.fits", format="fits", overwrite=True)

    b = Table()
    b["NAME"] = [f"B{i:04d}" for i in range(n2)]
    b["RA"] = ra2
    b["RA"].unit = u.deg
    b["DEC"] = dec2
    b["DEC"].unit = u.deg
    b["FLUX"] = rng.lognormal(-31, 1, n2)
    b["B_ID"] = np.arange(n2, dtype=np.int32)
    from astropy.io.votable import from_table

    vot = from_table(b)
    fields = vot.get_first_table().fields
    fields[1].ucd = "pos.eq.ra;meta.main"
    fields[2].ucd = "pos.eq.dec;meta.main"
    vot.to_xml(f"{folder}/b.vot")

    nopos = Table()
    nopos["X"] = rng.uniform(0, 100, 10)
    nopos["Y"] = rng.uniform(0, 100, 10)
    nopos["FLUX"] = rng.uniform(0, 1, 10)
    nopos.write(f"{folder}/nopos.fits", format="fits", overwrite=True)
    print(json.dumps({"a": f"{folder}/a.fits", "b": f"{folder}/b.vot",
                      "nopos": f"{folder}/nopos.fits", "rows1": n1, "rows2": n2}))


def sky_of(path):
    t = Table.read(path)
    return SkyCoord(np.asarray(t["RA"], float) * u.deg, np.asarray(t["DEC"], float) * u.deg)


def tablematch(first, second, radius_arcsec):
    c1, c2 = sky_of(first), sky_of(second)
    idx, sep, _ = c1.match_to_catalog_sky(c2)
    keep = np.nonzero(sep.arcsec <= radius_arcsec)[0]
    i1, i2, sep2, _ = c2.search_around_sky(c1, radius_arcsec * u.arcsec)
    order = np.lexsort((i2, i1))
    print(json.dumps({
        "nearest": {"row1": keep.tolist(), "row2": idx[keep].tolist(),
                    "sep_arcsec": sep.arcsec[keep].tolist()},
        "pairs": {"row1": i1[order].tolist(), "row2": i2[order].tolist(),
                  "sep_arcsec": sep2.arcsec[order].tolist()},
    }))


def readtable(path):
    t = Table.read(path, format="votable")
    columns = {}
    for name in t.colnames:
        col = t[name]
        if col.dtype.kind in "USO":
            columns[name] = [str(v) for v in col]
        else:
            columns[name] = [float(v) for v in col]
    print(json.dumps({"names": t.colnames,
                      "units": [str(t[n].unit) if t[n].unit is not None else "" for n in t.colnames],
                      "ucds": [t[n].meta.get("ucd", "") for n in t.colnames],
                      "columns": columns}))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "make":
        make(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif cmd == "match":
        match(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    elif cmd == "circles":
        circles(sys.argv[2], sys.argv[3])
    elif cmd == "tables":
        tables(sys.argv[2], int(sys.argv[3]))
    elif cmd == "tablematch":
        tablematch(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    elif cmd == "readtable":
        readtable(sys.argv[2])
    else:
        sys.exit(f"unknown command {cmd}")
