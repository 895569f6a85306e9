#!/usr/bin/python3
"""astropy's FITS pixel (1-based) of ICRS positions on an image HDU's celestial WCS.

usage: world_to_pixel.py FILE HDU "ra,dec;ra,dec;..."     (degrees, ICRS)
Prints one JSON list of [x, y].
"""
import json
import sys

from astropy.coordinates import SkyCoord
from astropy.io import fits
from astropy.wcs import WCS

path, hdu, text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pts = [[float(v) for v in p.split(",")] for p in text.split(";") if p]
with fits.open(path) as hdul:
    w = WCS(hdul[hdu].header).celestial
out = []
for ra, dec in pts:
    x, y = w.world_to_pixel(SkyCoord(ra, dec, unit="deg", frame="icrs"))
    out.append([float(x) + 1, float(y) + 1])
print(json.dumps(out))
