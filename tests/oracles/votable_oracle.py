#!/usr/bin/python3
"""VOTable and FITS-table oracle for XSky's catalogue tests (astropy.io.votable, astropy.io.fits).

usage:
  votable_oracle.py write DIR      writes one reference table in every serialisation and several
                                   VOTable versions into DIR; prints JSON
                                   {"files": {label: path}, "table": TABLE}
  votable_oracle.py read FILE [N]  reads table N (default 0) of a VOTable with astropy, strictly
                                   (any VOTable warning is reported); prints JSON TABLE plus
                                   "warnings": [...]
  votable_oracle.py writefits FILE writes a FITS binary table with TNULL, TSCAL/TZERO, logical,
                                   string, vector columns and TUCDn/TCOMMn; prints JSON TABLE
  votable_oracle.py fits FILE HDU [COL...]
                                   reads a FITS binary table with astropy.table (TNULL masked);
                                   prints JSON TABLE of those columns (all when none named)

TABLE = {"name", "rows", "columns": [{"name", "datatype", "arraysize", "unit", "ucd",
         "description", "values": [...]}]}; null cells are null, NaN is null, infinities are the
strings "+Inf"/"-Inf", arrays are lists, booleans true/false.
"""
import json
import math
import os
import sys
import warnings

import numpy as np


def jvalue(v):
    if v is None or v is np.ma.masked:
        return None
    if isinstance(v, (np.ndarray, list, tuple)):
        return [jvalue(x) for x in np.asarray(v).tolist()]
    if isinstance(v, (bytes, np.bytes_)):
        return v.decode("utf-8")
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (np.integer, int)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        f = float(v)
        if math.isnan(f):
            return None
        if math.isinf(f):
            return "+Inf" if f > 0 else "-Inf"
        return f
    if isinstance(v, str):
        return v
    return str(v)


def column_values(col, mask):
    out = []
    for i in range(len(col)):
        if mask is not None and np.all(np.asarray(mask[i])):
            out.append(None)
            continue
        v = col[i]
        if isinstance(v, np.ma.MaskedArray):
            v = v.filled(np.nan) if v.dtype.kind == "f" else v.data
        out.append(jvalue(v))
    return out


def reference_columns(n):
    """The reference table: deterministic values with nulls, strings, booleans, units, UCDs."""
    rng = np.random.RandomState(20240611)
    cols = []

    def add(name, datatype, values, mask=None, arraysize=None, unit=None, ucd=None, null=None,
            description=None):
        cols.append(dict(name=name, datatype=datatype, values=values, mask=mask,
                         arraysize=arraysize, unit=unit, ucd=ucd, null=null,
                         description=description))

    add("srcid", "long", np.arange(n, dtype=np.int64) * 1000003 + 2 ** 40, ucd="meta.id;meta.main",
        description="Unique source identifier")
    add("ra", "double", rng.uniform(0, 360, n), unit="deg", ucd="pos.eq.ra;meta.main",
        description="Right ascension (ICRS)")
    add("dec", "double", np.degrees(np.arcsin(rng.uniform(-1, 1, n))), unit="deg",
        ucd="pos.eq.dec;meta.main", description="Declination (ICRS)")
    flux = (10 ** rng.uniform(-16, -11, n)).astype(np.float32)
    flux_mask = np.zeros(n, bool)
    flux_mask[[3, 17]] = True
    flux[5] = np.nan
    add("flux", "float", flux, flux_mask, unit="erg.s-1.cm-2", ucd="phot.flux;em.X-ray")
    det_ml = rng.uniform(0, 5000, n)
    det_ml[[0, 7]] = [np.inf, -np.inf]
    add("det_ml", "double", det_ml, ucd="stat.likelihood")
    counts = rng.randint(0, 100000, n).astype(np.int32)
    counts_mask = np.zeros(n, bool)
    counts_mask[[2, 11, n - 1]] = True
    add("counts", "int", counts, counts_mask, unit="ph", null=-1)
    ndet = rng.randint(-300, 300, n).astype(np.int16)
    ndet[4] = -32768
    ndet[6] = 32767
    ndet_mask = np.zeros(n, bool)
    ndet_mask[9] = True
    add("n_detections", "short", ndet, ndet_mask, null=-32768 + 1)
    quality = rng.randint(0, 250, n).astype(np.uint8)
    quality_mask = np.zeros(n, bool)
    quality_mask[[1, 13]] = True
    add("quality", "unsignedByte", quality, quality_mask, null=255)
    is_ulx = rng.uniform(0, 1, n) < 0.3
    ulx_mask = np.zeros(n, bool)
    ulx_mask[[8, 21]] = True
    add("is_ulx", "boolean", is_ulx, ulx_mask)
    words = ["3XMM J053406.7+220337", "M 82 X-1", 'quote"s & <tags>', "tab\there", "x",
             "NGC 4151", "apostrophe's"]
    names = np.array([words[i % len(words)] + ("" if i < len(words) else " #%d" % i)
                      for i in range(n)], dtype=object)
    names_mask = np.zeros(n, bool)
    names_mask[[10, 20]] = True
    add("iauname", "char", names, names_mask, arraysize="*", ucd="meta.id",
        description="IAU name")
    codes = np.array(["A%d" % (i % 1000) if i % 5 else "ABCDEF"[: 1 + i % 6] for i in range(n)],
                     dtype=object)
    add("code", "char", codes, arraysize="6")
    uni = np.array(["Ω Cen %d" % i if i % 3 == 0 else ("école" if i % 3 == 1 else "π") for i in
                    range(n)], dtype=object)
    uni_mask = np.zeros(n, bool)
    uni_mask[12] = True
    add("label", "unicodeChar", uni, uni_mask, arraysize="*")
    poserr = rng.uniform(0.1, 5, n).astype(np.float32)
    add("sc_poserr", "float", poserr, unit="arcsec", ucd="stat.error;pos")
    vec = rng.normal(0, 1e3, (n, 3))
    add("hr", "double", vec, arraysize="3", ucd="phot.count;arith.ratio")
    return cols


def write_votable(cols, n, path, version, fmt):
    from astropy.io.votable.tree import Field, Resource, Table, VOTableFile
    v = VOTableFile(version=version)
    r = Resource()
    v.resources.append(r)
    t = Table(v, name="reference", nrows=n)
    t.description = "XSky catalogue test table"
    r.tables.append(t)
    for c in cols:
        f = Field(v, name=c["name"], ID=c["name"], datatype=c["datatype"],
                  arraysize=c["arraysize"], unit=c["unit"], ucd=c["ucd"])
        if c["description"]:
            f.description = c["description"]
        if c["null"] is not None:
            f.values.null = c["null"]
        t.fields.append(f)
    t.create_arrays(n)
    for c in cols:
        t.array[c["name"]] = list(c["values"]) if c["values"].dtype == object else c["values"]
        if c["mask"] is not None:
            t.array.mask[c["name"]] = c["mask"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        v.to_xml(path, tabledata_format=fmt)


def expected_table(cols, n):
    out = {"name": "reference", "rows": n, "columns": []}
    for c in cols:
        vals = []
        for i in range(n):
            if c["mask"] is not None and c["mask"][i]:
                vals.append(None)
            else:
                v = c["values"][i]
                if c["datatype"] == "float":
                    v = float(np.float32(v))
                vals.append(jvalue(v))
        out["columns"].append({"name": c["name"], "datatype": c["datatype"],
                               "arraysize": c["arraysize"], "unit": c["unit"], "ucd": c["ucd"],
                               "description": c["description"], "values": vals})
    return out


def cmd_write(folder):
    n = 60
    cols = reference_columns(n)
    files = {}
    for fmt, versions in (("tabledata", ["1.1", "1.2", "1.3", "1.4"]),
                          ("binary", ["1.1", "1.4"]), ("binary2", ["1.3", "1.4"])):
        for version in versions:
            label = "%s-%s" % (fmt, version)
            path = os.path.join(folder, "reference-%s.vot" % label)
            write_votable(cols, n, path, version, fmt)
            files[label] = path
    print(json.dumps({"files": files, "table": expected_table(cols, n)}))


def cmd_read(path, index):
    from astropy.io.votable import parse
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        vot = parse(path, verify="warn")
        tables = list(vot.iter_tables())
        t = tables[index]
    arr = t.array
    # units exactly as the file writes them (astropy would print its own normal form)
    import xml.etree.ElementTree as ET
    tables = [e for e in ET.parse(path).iter() if e.tag.split("}")[-1] == "TABLE"]
    raw_units = {e.get("name"): e.get("unit") for e in tables[index].iter()
                 if e.tag.split("}")[-1] == "FIELD"}
    from astropy.io.votable.exceptions import VOWarning
    # VOTable format warnings only (astropy's opinions of unit names are not about the file).
    out = {"name": t.name, "rows": len(arr), "columns": [],
           "warnings": [str(w.message) for w in caught if issubclass(w.category, VOWarning)]}
    for f in t.fields:
        col = arr[f.ID or f.name] if (f.ID or f.name) in arr.dtype.names else arr[f.name]
        mask = np.ma.getmaskarray(col)
        data = np.ma.getdata(col)
        vals = []
        for i in range(len(data)):
            v = data[i]
            if isinstance(v, np.ma.MaskedArray):
                v = v.data
            if np.all(mask[i]) or (f.datatype in ("char", "unicodeChar") and v == ""):
                vals.append(None)  # XSky's convention: an empty string is null
            else:
                vals.append(jvalue(v))
        out["columns"].append({"name": f.name, "datatype": f.datatype, "arraysize": f.arraysize,
                               "unit": raw_units.get(f.name),
                               "ucd": f.ucd, "description": f.description, "values": vals})
    print(json.dumps(out))


def cmd_writefits(path):
    from astropy.io import fits
    n = 25
    rng = np.random.RandomState(7)
    ints = rng.randint(-1000, 1000, n).astype(np.int32)
    ints[[3, 9]] = -99999
    scaled = rng.randint(0, 30000, n).astype(np.int16)
    scaled[5] = -32768
    uns = rng.randint(0, 65535, n).astype(np.uint16)
    logical = np.array([True, False, True, False, True] * 5)
    strings = np.array(["src %d" % i if i % 4 else "" for i in range(n)])
    vec = rng.uniform(-1, 1, (n, 2)).astype(np.float32)
    reals = rng.normal(0, 1, n)
    reals[2] = np.nan
    big = (np.arange(n, dtype=np.int64) - 12) * 123456789012
    cols = [
        fits.Column(name="RA", format="D", unit="deg", array=rng.uniform(0, 360, n)),
        fits.Column(name="DEC", format="D", unit="deg", array=rng.uniform(-90, 90, n)),
        fits.Column(name="REAL", format="D", array=reals),
        fits.Column(name="COUNTS", format="J", null=-99999, array=ints),
        fits.Column(name="SCALED", format="I", bscale=0.01, bzero=5.0, null=-32768),
        fits.Column(name="UNSIGNED", format="I", bzero=32768, array=uns),
        fits.Column(name="BIG", format="K", array=big),
        fits.Column(name="FLAGGED", format="L", array=logical),
        fits.Column(name="NAME", format="12A", array=strings),
        fits.Column(name="VEC", format="2E", array=vec),
    ]
    hdu = fits.BinTableHDU.from_columns(cols, name="SRCLIST")
    hdu.data["SCALED"] = scaled * 0.01 + 5.0
    hdu.header["TUCD1"] = "pos.eq.ra;meta.main"
    hdu.header["TUCD2"] = "pos.eq.dec;meta.main"
    hdu.header["TCOMM4"] = "Source counts"
    hdu.header.comments["TTYPE3"] = "a normal deviate"
    fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(path, overwrite=True)
    # SCALED row 5 stores the TNULL value -32768 (astropy.table does not mask scaled columns)
    print(json.dumps({"SCALED_raw_null_row": 5, "table": fits_table(path, "SRCLIST", [])}))


def fits_table(path, hdu, names):
    from astropy.table import Table
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = Table.read(path, hdu=hdu)  # TNULLn values masked
    from astropy.io import fits
    header = fits.getheader(path, hdu)
    raw_units = {str(header.get("TTYPE%d" % k, "")).strip().upper():
                 str(header.get("TUNIT%d" % k, "")).strip() or None
                 for k in range(1, header.get("TFIELDS", 0) + 1)}
    out = {"name": str(hdu), "rows": len(t), "columns": []}
    wanted = names or t.colnames
    for name in wanted:
        c = t[name]
        mask = getattr(c, "mask", None)
        vals = column_values(c, None if mask is None or not np.any(mask) else mask)
        if c.dtype.kind == "S" or c.dtype.kind == "U":
            # trailing blanks are not significant in FITS strings (CFITSIO and STILTS drop them)
            vals = [None if v is None or v.rstrip(" ") == "" else v.rstrip(" ") for v in vals]
        out["columns"].append({"name": name, "unit": raw_units.get(name.upper()),
                               "values": vals})
    return out


def main():
    cmd = sys.argv[1]
    if cmd == "write":
        cmd_write(sys.argv[2])
    elif cmd == "read":
        cmd_read(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    elif cmd == "writefits":
        cmd_writefits(sys.argv[2])
    elif cmd == "fits":
        hdu = sys.argv[3]
        print(json.dumps(fits_table(sys.argv[2], int(hdu) if hdu.isdigit() else hdu,
                                    sys.argv[4:])))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
