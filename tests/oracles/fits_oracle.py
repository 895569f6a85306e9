#!/usr/bin/python3
"""Independent description of a FITS file with astropy, for XSky's info/event-list tests.

usage: fits_oracle.py FILE
Prints JSON: {"hdus": [{"name", "type": image|bintable|table, "shape" | "rows", "keywords"}],
              "events": {...} when an events table exists (by XSky's rule)}
"""
import json
import sys

import numpy as np
from astropy.io import fits

KEYS = ["TELESCOP", "INSTRUME", "OBJECT", "EXPOSURE", "HDUCLAS1", "DETCHANS", "MOCORDER", "TSTART"]


def events_hdu(hdul):
    for i, h in enumerate(hdul):
        if i and isinstance(h, fits.BinTableHDU) and h.name.upper() == "EVENTS":
            return i
    for i, h in enumerate(hdul):
        if i and isinstance(h, fits.BinTableHDU) and str(h.header.get("HDUCLAS1", "")).strip().upper() == "EVENTS":
            return i
    for i, h in enumerate(hdul):
        if i and isinstance(h, fits.BinTableHDU) and "TIME" in [(n or "").upper() for n in h.columns.names]:
            return i
    return None


def main():
    out = {"hdus": []}
    with fits.open(sys.argv[1]) as hdul:
        for i, h in enumerate(hdul):
            d = {"name": h.name if (i or "EXTNAME" in h.header) else "PRIMARY"}
            if isinstance(h, fits.BinTableHDU):
                d["type"], d["rows"] = "bintable", h.header["NAXIS2"]
            elif isinstance(h, fits.TableHDU):
                d["type"], d["rows"] = "table", h.header["NAXIS2"]
            else:
                d["type"] = "image"
                d["shape"] = [h.header["NAXIS%d" % (k + 1)] for k in range(h.header.get("NAXIS", 0))]
            d["keywords"] = {k: h.header[k] for k in KEYS if k in h.header and not isinstance(h.header[k], bool)}
            out["hdus"].append(d)
        ev = events_hdu(hdul)
        if ev is not None:
            h = hdul[ev]
            names = {(n or "").upper(): n for n in h.columns.names}
            data = h.data
            e = {"hdu": ev, "rows": h.header["NAXIS2"]}
            t = np.asarray(data[names["TIME"]], dtype=float)
            e["time_min"], e["time_max"] = float(t.min()), float(t.max())
            axis = "ENERGY" if "ENERGY" in names else ("PI" if "PI" in names else None)
            if axis:
                v = np.asarray(data[names[axis]], dtype=float)
                e["energy_column"], e["energy_min"], e["energy_max"] = names[axis], float(v.min()), float(v.max())
            # SAS's own per-CCD sums of the good time intervals (ONTIMEnn), where written.
            # (XMM only: other missions' test files were cut in time after ONTIMEn was written.)
            xmm = str(h.header.get("TELESCOP", "")).strip() == "XMM"
            e["ontime_per_ccd"] = {str(int(k[6:])): float(h.header[k]) for k in h.header
                                   if xmm and k.startswith("ONTIME") and k[6:].isdigit()}
            out["events"] = e
    print(json.dumps(out))


if __name__ == "__main__":
    main()
