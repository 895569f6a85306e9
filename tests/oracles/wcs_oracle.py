#!/usr/bin/python3
"""Independent pixel -> world oracle for XSky's WCS tests (astropy.wcs on the same keywords).

usage: wcs_oracle.py image FILE HDU "x,y;x,y;..."      FITS 1-based pixels of image HDU (0-based HDU)
       wcs_oracle.py events FILE "x,y;..."             sky X/Y of the events table; the WCS is built
                                                       by hand from the X/Y columns' TCTYP/TCRVL/
                                                       TCDLT/TCRPX keywords (not via wcsbth)
Prints one JSON list of [lon, lat] in degrees, in the WCS's own frame.
"""
import json
import sys

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS


def parse_points(text):
    return np.array([[float(v) for v in p.split(",")] for p in text.split(";") if p])


def events_wcs(hdul):
    for hdu in hdul[1:]:
        if isinstance(hdu, fits.BinTableHDU) and hdu.name.upper() == "EVENTS":
            break
    else:
        raise SystemExit("no EVENTS table")
    names = [n.upper() for n in hdu.columns.names]
    ix, iy = names.index("X") + 1, names.index("Y") + 1
    h = hdu.header
    w = WCS(naxis=2)
    w.wcs.ctype = [h["TCTYP%d" % ix], h["TCTYP%d" % iy]]
    w.wcs.crval = [h["TCRVL%d" % ix], h["TCRVL%d" % iy]]
    w.wcs.crpix = [h["TCRPX%d" % ix], h["TCRPX%d" % iy]]
    w.wcs.cdelt = [h["TCDLT%d" % ix], h["TCDLT%d" % iy]]
    if "RADECSYS" in h:
        w.wcs.radesys = h["RADECSYS"].strip()
    if "EQUINOX" in h:
        w.wcs.equinox = h["EQUINOX"]
    return w


def main():
    mode = sys.argv[1]
    with fits.open(sys.argv[2]) as hdul:
        if mode == "image":
            w = WCS(hdul[int(sys.argv[3])].header).celestial
            pts = parse_points(sys.argv[4])
        else:
            w = events_wcs(hdul)
            pts = parse_points(sys.argv[3])
        world = w.all_pix2world(pts, 1)
    print(json.dumps([[float(a), float(b)] for a, b in world]))


if __name__ == "__main__":
    main()
