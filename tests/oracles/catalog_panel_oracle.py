#!/usr/bin/python3
"""A small 4XMM-like source list written by astropy for XSky's catalogue dock tests.

usage:
  catalog_panel_oracle.py write FILE.vot N SEED [RA DEC]
      N sources around (RA, DEC) (default 150.0, +2.0) within 0.17 deg, in VOTable BINARY2 (astropy), with SRCID,
      IAUNAME, SC_RA, SC_DEC (deg, pos.eq.*;meta.main), SC_POSERR (arcsec, stat.error;pos),
      SC_DET_ML, IS_ULX; prints JSON {"rows": [{"srcid", "ra", "dec", "poserr", "det_ml",
      "is_ulx"}], "query": {"sc_det_ml > 20 AND cone('150.0 2.0', '8arcmin')": [row, ...]}}
      with the rows (0-based) a direct computation selects.
"""
import json
import sys

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.io.votable import from_table
from astropy.table import Table


def write(path, n, seed, ra0=150.0, dec0=2.0):
    rng = np.random.default_rng(seed)
    r = 0.17 * np.sqrt(rng.uniform(0, 1, n))
    phi = rng.uniform(0, 2 * np.pi, n)
    dec = dec0 + r * np.sin(phi)
    ra = ra0 + r * np.cos(phi) / np.cos(np.radians(dec))
    poserr = rng.uniform(1.0, 12.0, n)
    det_ml = np.round(10 ** rng.uniform(0.5, 3, n), 2)
    is_ulx = rng.uniform(0, 1, n) < 0.2
    srcid = np.arange(n, dtype=np.int64) + 201901401010001
    c = SkyCoord(ra * u.deg, dec * u.deg)
    names = ["4XMM J%s" % x.to_string("hmsdms", sep="", precision=1, pad=True).replace(" ", "")
             for x in c]
    t = Table([srcid, names, ra, dec, poserr, det_ml, is_ulx],
              names=["SRCID", "IAUNAME", "SC_RA", "SC_DEC", "SC_POSERR", "SC_DET_ML", "IS_ULX"])
    t["SC_RA"].unit = u.deg
    t["SC_DEC"].unit = u.deg
    t["SC_POSERR"].unit = u.arcsec
    vt = from_table(t)
    fields = vt.get_first_table().fields
    fields[0].ucd = "meta.id;meta.main"
    fields[2].ucd = "pos.eq.ra;meta.main"
    fields[3].ucd = "pos.eq.dec;meta.main"
    fields[4].ucd = "stat.error;pos"
    vt.get_first_table().name = "XSky test sources"
    vt.to_xml(path, tabledata_format="binary2")
    sep = c.separation(SkyCoord(ra0 * u.deg, dec0 * u.deg)).arcmin
    rows = np.nonzero((det_ml > 20) & (sep <= 8))[0].tolist()
    print(json.dumps({
        "rows": [{"srcid": int(srcid[i]), "ra": float(ra[i]), "dec": float(dec[i]),
                  "poserr": float(poserr[i]), "det_ml": float(det_ml[i]), "is_ulx": bool(is_ulx[i])}
                 for i in range(n)],
        "query": {"sc_det_ml > 20 AND cone('%r %r', '8arcmin')" % (ra0, dec0): rows},
    }))


if __name__ == "__main__":
    if sys.argv[1] != "write":
        sys.exit("usage: catalog_panel_oracle.py write FILE.vot N SEED")
    centre = [float(x) for x in sys.argv[5:7]]
    write(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), *centre)
