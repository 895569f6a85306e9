#!/usr/bin/python3
"""What the cursor readout must show at a pixel of an image, computed by astropy.

usage: readout_oracle.py FILE HDU X Y      (FITS 1-based pixel; HDU 0-based)
Prints JSON {"ra", "dec"} (ICRS degrees), {"l", "b"} (Galactic degrees) and "value" (the pixel
that contains (X, Y)).
"""
import json
import math
import sys

from astropy.coordinates import SkyCoord
from astropy.io import fits
from astropy.wcs import WCS

path, hdu, x, y = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
with fits.open(path) as hdul:
    h = hdul[hdu]
    w = WCS(h.header).celestial
    world = w.pixel_to_world(x - 1, y - 1)
    icrs = world.icrs
    gal = world.galactic
    i, j = int(math.floor(x - 0.5)), int(math.floor(y - 0.5))
    value = float(h.data[j, i])
print(json.dumps({"ra": icrs.ra.deg, "dec": icrs.dec.deg, "l": gal.l.deg, "b": gal.b.deg,
                  "value": value}))
