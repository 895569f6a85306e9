#!/usr/bin/python3
"""Oracle for XSky's catalogue query language (tests/core/tst_catalog_query.cpp): writes a source
table with astropy and selects its rows with hand-written NumPy/astropy code, one function per
query id (the C++ test holds the query text for each id). Nothing here parses the query language.

usage:
  query_oracle.py write OUT.vot OUT.fits [ROWS]   writes the table (VOTable BINARY2 with nulls, and
                                                  a FITS copy of its numeric columns); prints
                                                  {"rows": N}
  query_oracle.py eval TABLE.vot                  prints {id: [matching 0-based rows], ...}
  query_oracle.py srcids FILE.vot                 prints the srcid column of a VOTable as a list

Semantics the oracle follows (as documented in core/catalog/Query.h): a comparison, IN, LIKE or sky
test with a null operand is false, != included; NOT negates (nulls then match).
"""
import json
import re
import warnings
import sys

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.io.votable import from_table, parse_single_table, writeto
from astropy.table import MaskedColumn, Table

CLASSES = ["star", "AGN", "galaxy", "cluster", "Star", "ULX candidate", "agn_2", "s"]
M51 = (202.4696, 47.1952)  # what the test's fake resolver answers for "M51"
REGION_INCLUDE = [(202.0, 47.0, 0.5), (204.0, 48.0, 0.3)]  # fk5 circles of the test's region file
REGION_EXCLUDE = [(202.0, 47.0, 0.1)]


def write(vot, fits_path, rows):
    rng = np.random.default_rng(20261123)
    n = rows
    ra = rng.uniform(199.5, 205.5, n)
    dec = rng.uniform(45.0, 49.5, n)
    pos_null = rng.random(n) < 0.01
    ml = rng.exponential(20.0, n)
    ml_null = rng.random(n) < 0.05
    ext = rng.exponential(5.0, n)
    ext_null = rng.random(n) < 0.05
    flux = 10 ** rng.uniform(-16, -11, n)
    ferr = flux * rng.uniform(0.05, 1.0, n)
    ndet = rng.integers(1, 7, n).astype(np.int32)
    ndet_null = rng.random(n) < 0.03
    ulx = rng.random(n) < 0.2
    ulx_null = rng.random(n) < 0.03
    cls = np.array([CLASSES[k] for k in rng.integers(0, len(CLASSES), n)], dtype=object)
    cls_null = rng.random(n) < 0.04
    c = SkyCoord(ra * u.deg, dec * u.deg)
    names = np.array(["4XMM J" + a + d for a, d in
                      zip(c.ra.to_string(u.hourangle, sep="", precision=1, pad=True),
                          c.dec.to_string(sep="", precision=0, alwayssign=True, pad=True))], dtype=object)
    name_null = rng.random(n) < 0.02
    t = Table()
    t["SRCID"] = np.arange(1000000, 1000000 + n, dtype=np.int64)
    t["IAUNAME"] = MaskedColumn(names, mask=name_null)
    t["SC_RA"] = MaskedColumn(ra, mask=pos_null, unit="deg")
    t["SC_DEC"] = MaskedColumn(dec, mask=pos_null, unit="deg")
    t["SC_DET_ML"] = MaskedColumn(ml, mask=ml_null)
    t["SC_EXT_ML"] = MaskedColumn(ext, mask=ext_null)
    t["SC_EP_8_FLUX"] = MaskedColumn(flux, unit="erg/(s cm2)")
    t["flux err"] = MaskedColumn(ferr)
    t["N_DETECTIONS"] = MaskedColumn(ndet, mask=ndet_null)
    t["IS_ULX"] = MaskedColumn(ulx, mask=ulx_null)
    t["obj_class"] = MaskedColumn(cls, mask=cls_null)
    t["SC_RA"].meta = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        vt = from_table(t)
    f = vt.get_first_table()
    for field in f.fields:
        if field.name == "SC_RA":
            field.ucd = "pos.eq.ra;meta.main"
        if field.name == "SC_DEC":
            field.ucd = "pos.eq.dec;meta.main"
        if field.name == "IS_ULX":
            field.datatype = "boolean"  # "bit" cannot be null
        if field.name == "N_DETECTIONS":
            field.values.null = -1
    writeto(vt, vot, tabledata_format="binary2")
    numeric = Table()
    for name in ["SRCID", "SC_RA", "SC_DEC", "SC_DET_ML", "SC_EXT_ML", "SC_EP_8_FLUX"]:
        col = t[name]
        numeric[name] = col.filled(np.nan) if col.dtype.kind == "f" else col
    numeric["SC_RA"].unit = "deg"
    numeric["SC_DEC"].unit = "deg"
    numeric.write(fits_path, overwrite=True)
    print(json.dumps({"rows": n}))


def load(path):
    t = parse_single_table(path).to_table(use_names_over_ids=True)
    cols = {}
    for name in t.colnames:
        c = t[name]
        mask = np.asarray(np.ma.getmaskarray(c))
        if c.dtype.kind == "f":
            v = np.asarray(np.ma.filled(c, np.nan), dtype=float)
            v = np.where(mask, np.nan, v)
            cols[name.lower()] = (v, mask | np.isnan(v))
        elif c.dtype.kind in "iub":
            cols[name.lower()] = (np.asarray(np.ma.filled(c, 0)), mask)
        else:
            v = np.asarray(np.ma.filled(c, ""), dtype=object)
            cols[name.lower()] = (v, mask | (v == ""))
    return cols


def like(values, mask, pattern):
    rx = re.compile("".join(".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in pattern),
                    re.IGNORECASE | re.DOTALL)
    return np.array([not m and rx.fullmatch(v) is not None for v, m in zip(values, mask)], dtype=bool)


def queries(c):
    V = {k: v[0] for k, v in c.items()}
    N = {k: v[1] for k, v in c.items()}
    ml, ext, flux, ferr = V["sc_det_ml"], V["sc_ext_ml"], V["sc_ep_8_flux"], V["flux err"]
    nd, nd_ok = V["n_detections"].astype(float), ~N["n_detections"]
    ulx, ulx_ok = V["is_ulx"].astype(bool), ~N["is_ulx"]
    cls, cls_ok = V["obj_class"], ~N["obj_class"]
    ra, dec = V["sc_ra"], V["sc_dec"]
    pos = SkyCoord(np.nan_to_num(ra) * u.deg, np.nan_to_num(dec) * u.deg)
    pos_ok = ~(N["sc_ra"] | N["sc_dec"])
    with np.errstate(all="ignore"):
        def cone(target, radius):
            return pos_ok & (pos.separation(target).deg <= radius)

        def box(ra0, dec0, w, h):
            a0, d0 = np.radians(ra0), np.radians(dec0)
            a, d = np.radians(ra), np.radians(dec)
            cosc = np.sin(d0) * np.sin(d) + np.cos(d0) * np.cos(d) * np.cos(a - a0)
            xi = np.cos(d) * np.sin(a - a0) / cosc
            eta = (np.cos(d0) * np.sin(d) - np.sin(d0) * np.cos(d) * np.cos(a - a0)) / cosc
            return pos_ok & (cosc > 0) & (np.abs(xi) <= np.tan(np.radians(w / 2))) & \
                (np.abs(eta) <= np.tan(np.radians(h / 2)))

        centre = SkyCoord(202.48 * u.deg, 47.21 * u.deg)
        sexa = SkyCoord("13:29:55.2 +47:12:36", unit=(u.hourangle, u.deg))
        inc = np.zeros(len(ra), dtype=bool)
        for r0, d0, rad in REGION_INCLUDE:
            inc |= cone(SkyCoord(r0 * u.deg, d0 * u.deg), rad)
        for r0, d0, rad in REGION_EXCLUDE:
            inc &= ~cone(SkyCoord(r0 * u.deg, d0 * u.deg), rad)
        return {
            "and": (ml > 10) & (ext < 5),
            "case": (ml >= 10) & (ext <= 5),
            "precedence": (ml > 50) | ((ext > 20) & (nd > 2)),
            "parens": ((ml > 50) | (ext > 20)) & (nd > 2),
            "not": ~(ml > 10),
            "ne": (nd != 3) & nd_ok,
            "ne_not_bool": (nd != 3) & nd_ok & ~(ulx & ulx_ok),
            "not_and": ~(ulx & ulx_ok) & (ml > 10),
            "in": np.isin(nd, [1, 3, 5]) & nd_ok,
            "not_in": ~np.isin(nd, [1, 3]) & nd_ok,
            "in_expr": np.isin(nd - 3, [-2, 0, 2]) & nd_ok,
            "in_srcid": np.isin(V["srcid"], [1000005, 1000100, 1002999]),
            "in_str": np.isin(cls, ["AGN", "star"]) & cls_ok,
            "like_s": like(cls, N["obj_class"], "s%"),
            "like_name": like(V["iauname"], N["iauname"], "%j1329%"),
            "not_like": ~like(cls, N["obj_class"], "%a_") & cls_ok,
            "str_eq": (cls == "galaxy") & cls_ok,
            "str_ne": (cls != "AGN") & cls_ok,
            "bool_true": ulx & ulx_ok,
            "bool_false": ~ulx & ulx_ok,
            "bool_bare": ulx & ulx_ok,
            "bool_ne": ~ulx & ulx_ok,
            "arith1": ml * 2 + 1 > ext ** 2 - 3,
            "arith_neg": -ml < -20,
            "arith_sqrt": np.sqrt(ml) / (ext + 1) > 1.5,
            "arith_log": (np.log10(flux) > -13.5) & (np.abs(dec - 47.21) < 0.5),
            "arith_ln_exp": (np.log(ml) < 2) | (np.exp(ext / 10) > 3),
            "arith_pow": np.power(ml, 1.5) > 100,
            "quoted": ferr / flux < 0.3,
            "backquoted": ferr > 1e-13,
            "numbers": (flux > 1e-14) & (flux < 5e-13) & (dec > 0.5e2 - 3),
            "is_null": np.isnan(ml),
            "is_not_null": nd_ok & N["is_ulx"],
            "str_null": N["iauname"],
            "cone_deg": cone(centre, 1.0),
            "cone_sexa": cone(sexa, 0.5),
            "cone_hms": cone(sexa, 0.75),
            "cone_spaces": cone(sexa, 0.5),
            "cone3": cone(centre, 1.5) & (flux > 1e-14),
            "cone_comma": cone(SkyCoord(201.5 * u.deg, 46.5 * u.deg), 0.75),
            "cone_or": cone(centre, 10 / 60) | (ml > 80),
            "box": box(202.48, 47.21, 1.0, 0.5),
            "box_square": box(203.0, 48.0, 0.8, 0.8),
            "region": inc,
            "bare_name": cone(SkyCoord(M51[0] * u.deg, M51[1] * u.deg), 10 / 60),
            "bare_coords": cone(SkyCoord("13:29:52.7 +47:11:43", unit=(u.hourangle, u.deg)), 10 / 60),
            "name_cone": cone(SkyCoord(M51[0] * u.deg, M51[1] * u.deg), 0.5) & (ml < 100),
        }


def main():
    warnings.simplefilter("ignore")
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 3000)
    elif sys.argv[1] == "eval":
        out = {k: np.flatnonzero(np.asarray(v, dtype=bool)).tolist() for k, v in queries(load(sys.argv[2])).items()}
        print(json.dumps(out))
    elif sys.argv[1] == "srcids":
        t = parse_single_table(sys.argv[2]).to_table()
        print(json.dumps([int(x) for x in t["SRCID"]]))


if __name__ == "__main__":
    main()
