#!/usr/bin/python3
"""Independent count of events in sky regions for XSky's extraction tests (NumPy + astropy.wcs).

usage: region_count_oracle.py EVENTS.fits RA DEC R_SRC EX_RA EX_DEC R_EX R_IN R_OUT PATTERN_MAX FLAG_MASK
  Source: circle(RA, DEC, R_SRC) minus circle(EX_RA, EX_DEC, R_EX); background:
  annulus(RA, DEC, R_IN, R_OUT) minus the same exclusion. Positions ICRS/FK5 degrees, radii arcsec
  (great-circle distances). Events: PATTERN <= PATTERN_MAX and (FLAG & FLAG_MASK) == 0
  (FLAG_MASK in hex). The X/Y columns' WCS is built by hand from TCTYP/TCRVL/TCDLT/TCRPX.
Prints one JSON object {"source": N, "background": M, "rows": R}.
"""
import json
import sys

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS


def main():
    path = sys.argv[1]
    ra, dec, r_src, ex_ra, ex_dec, r_ex, r_in, r_out = (float(v) for v in sys.argv[2:10])
    pattern_max = int(sys.argv[10])
    mask = int(sys.argv[11], 16)
    with fits.open(path) as hdul:
        hdu = hdul["EVENTS"]
        names = [n.upper() for n in hdu.columns.names]
        ix, iy = names.index("X") + 1, names.index("Y") + 1
        h = hdu.header
        w = WCS(naxis=2)
        w.wcs.ctype = [h["TCTYP%d" % ix], h["TCTYP%d" % iy]]
        w.wcs.crval = [h["TCRVL%d" % ix], h["TCRVL%d" % iy]]
        w.wcs.cdelt = [h["TCDLT%d" % ix], h["TCDLT%d" % iy]]
        w.wcs.crpix = [h["TCRPX%d" % ix], h["TCRPX%d" % iy]]
        d = hdu.data
        x = np.asarray(d["X"], dtype=float)
        y = np.asarray(d["Y"], dtype=float)
        good = (np.asarray(d["PATTERN"]) <= pattern_max) & ((np.asarray(d["FLAG"]).astype(np.int64) & mask) == 0)
    lon, lat = w.wcs_pix2world(x, y, 1)

    def sep_arcsec(ra0, dec0):
        a1, d1, a0, d0 = np.radians(lon), np.radians(lat), np.radians(ra0), np.radians(dec0)
        s = np.sin((d1 - d0) / 2) ** 2 + np.cos(d1) * np.cos(d0) * np.sin((a1 - a0) / 2) ** 2
        return np.degrees(2 * np.arcsin(np.sqrt(s))) * 3600.0

    r = sep_arcsec(ra, dec)
    out = sep_arcsec(ex_ra, ex_dec) > r_ex
    src = good & (r <= r_src) & out
    bkg = good & (r >= r_in) & (r <= r_out) & out
    print(json.dumps({"source": int(src.sum()), "background": int(bkg.sum()), "rows": int(len(x))}))


if __name__ == "__main__":
    main()
