#!/usr/bin/python3
"""The rows of the simulator's demo catalogue (catalogue/xsky_demo_4xmm.fits) that the catalogue
query examples select, computed directly with astropy and NumPy.

usage: demo_catalogue_oracle.py FILE.fits
prints JSON {query text: [0-based rows]} for the queries below."""
import json
import sys

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.table import Table

t = Table.read(sys.argv[1], hdu="SRCLIST")
pos = SkyCoord(np.asarray(t["SC_RA"]) * u.deg, np.asarray(t["SC_DEC"]) * u.deg)
ml = np.asarray(t["SC_DET_ML"], dtype=float)
ext = np.asarray(t["SC_EXT_ML"], dtype=float)
flux = np.asarray(t["SC_EP_8_FLUX"], dtype=float)
ndet = np.asarray(t["N_DETECTIONS"])
ulx = np.asarray(t["IS_ULX"], dtype=bool)
names = np.asarray([str(n).strip() for n in t["IAUNAME"]])


def within(ra, dec, arcmin):
    return pos.separation(SkyCoord(ra * u.deg, dec * u.deg)).arcmin <= arcmin


centre = SkyCoord("10:00:27.2 +02:12:36", unit=(u.hourangle, u.deg))
cases = {
    "cone('150.1 2.2', '5arcmin') AND sc_det_ml < 100": within(150.1, 2.2, 5) & (ml < 100),
    "is_ulx = true AND n_detections > 2": ulx & (ndet > 2),
    'iauname IN {"4XMM J100027.2+021235"}': names == "4XMM J100027.2+021235",
    "sc_det_ml > 10 AND sc_ext_ml < 5": (ml > 10) & (ext < 5),
    "'10:00:27.2 +02:12:36'": pos.separation(centre).arcmin <= 10,
    "log10(sc_ep_8_flux) > -14 AND NOT is_ulx": (np.log10(flux) > -14) & ~ulx,
    "iauname LIKE '4XMM J1000%' AND sc_ep_8_flux > 1e-14": (np.char.startswith(names, "4XMM J1000")) & (flux > 1e-14),
}
print(json.dumps({q: np.nonzero(m)[0].tolist() for q, m in cases.items()}))
