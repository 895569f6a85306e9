#!/usr/bin/python3
"""astropy.visualization.ZScaleInterval on the first 2-D image of FILE (plane 0).
usage: zscale_oracle.py FILE     prints: vmin vmax"""
import sys

import numpy as np
from astropy.io import fits
from astropy.visualization import ZScaleInterval

with fits.open(sys.argv[1]) as hdul:
    data = next(h.data for h in hdul if h.data is not None and h.data.ndim >= 2)
    while data.ndim > 2:
        data = data[0]
    lo, hi = ZScaleInterval().get_limits(np.asarray(data, dtype=np.float32))
print("%.17g %.17g" % (lo, hi))
