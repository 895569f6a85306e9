"""Writes a large event list built from a real one: the rows of a real XMM-Newton MOS event list
repeated (TIME shifted by the list's span for each copy, GTIs repeated likewise) until N rows.
usage: make_event_list.py REAL.fits N OUT.fits"""
import sys
import warnings

import numpy as np
from astropy.io import fits

warnings.simplefilter("ignore")

real, n_rows, out = sys.argv[1], int(float(sys.argv[2])), sys.argv[3]
with fits.open(real) as h:
    ev = h["EVENTS"]
    n0 = len(ev.data)
    copies = (n_rows + n0 - 1) // n0
    t = ev.data["TIME"]
    span = float(t.max() - t.min() + 1)
    shift = np.repeat(np.arange(copies) * span, n0)[:n_rows]
    cols = []
    for c in ev.columns:
        a = np.tile(ev.data[c.name], copies)[:n_rows]
        if c.name == "TIME":
            a = a + shift
        cols.append(fits.Column(name=c.name, format=c.format, unit=c.unit, array=a))
    header = ev.header.copy()
    for key in list(header.keys()):
        if key[:5] in ("TTYPE", "TFORM", "TUNIT", "TNULL", "TSCAL", "TZERO", "TDISP") or key in ("NAXIS1", "NAXIS2"):
            del header[key]
    hdus = [fits.PrimaryHDU(header=h[0].header), fits.BinTableHDU.from_columns(cols, header=header)]
    for x in h:
        if not x.name.startswith("STDGTI"):
            continue
        start = np.concatenate([x.data["START"] + i * span for i in range(copies)])
        stop = np.concatenate([x.data["STOP"] + i * span for i in range(copies)])
        hdus.append(fits.BinTableHDU.from_columns(
            [fits.Column(name="START", format="D", unit="s", array=start),
             fits.Column(name="STOP", format="D", unit="s", array=stop)], header=x.header))
    fits.HDUList(hdus).writeto(out, overwrite=True)
print(n_rows)
