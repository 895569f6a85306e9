#!/usr/bin/python3
"""Writes the small binary seeds of tests/fuzz/seeds and the crafted FITS inputs of
tests/fuzz/regressions/ogip_response (run once; the files are checked in).

Tiny but complete examples of each binary format a fuzz target reads, so that the regression
test exercises every reader even without ../shared/data: an OGIP PHA type I spectrum, an RMF
(MATRIX + EBOUNDS) and an ARF, a MOC 2.0 FITS file, and VOTables in BINARY and BINARY2. Needs
Debian's python3-astropy and python3-numpy.
"""
import io
import os
import struct

import numpy as np
from astropy.io import fits
from astropy.io.votable.tree import VOTableFile, Resource, Table, Field

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds")
nchan = 16


def out(target, name):
    return os.path.join(here, target, name)


def pha():
    cols = [fits.Column("CHANNEL", "J", array=np.arange(1, nchan + 1)),
            fits.Column("COUNTS", "J", array=np.arange(nchan) % 5),
            fits.Column("QUALITY", "I", array=np.r_[np.zeros(nchan - 1), 5]),
            fits.Column("GROUPING", "I", array=np.tile([1, -1], nchan // 2))]
    h = fits.BinTableHDU.from_columns(cols, name="SPECTRUM")
    for k, v in dict(HDUCLASS="OGIP", HDUCLAS1="SPECTRUM", HDUVERS="1.2.1", HDUCLAS2="TOTAL",
                     HDUCLAS3="COUNT", EXPOSURE=1000.0, AREASCAL=1.0, BACKSCAL=0.5,
                     BACKFILE="none", RESPFILE="seed.rmf", ANCRFILE="seed.arf", POISSERR=True,
                     DETCHANS=nchan, TLMIN1=1, TLMAX1=nchan, CORRSCAL=0.0, CORRFILE="none",
                     TELESCOP="SEED", INSTRUME="SEED", FILTER="none", CHANTYPE="PI").items():
        h.header[k] = v
    fits.HDUList([fits.PrimaryHDU(), h]).writeto(out("ogip_spectrum", "seed.pha"), overwrite=True)


def rmf():
    ne = 8
    elo = np.linspace(0.1, 10.0, ne + 1)
    ngrp = np.ones(ne, dtype=np.int16)
    fchan = np.arange(ne, dtype=np.int16) + 1
    nchanrow = np.full(ne, 3, dtype=np.int16)
    matrix = np.full((ne, 3), 0.3, dtype=np.float32)
    cols = [fits.Column("ENERG_LO", "E", array=elo[:-1]), fits.Column("ENERG_HI", "E", array=elo[1:]),
            fits.Column("N_GRP", "I", array=ngrp), fits.Column("F_CHAN", "I", array=fchan),
            fits.Column("N_CHAN", "I", array=nchanrow), fits.Column("MATRIX", "PE()", array=list(matrix))]
    m = fits.BinTableHDU.from_columns(cols, name="MATRIX")
    for k, v in dict(HDUCLASS="OGIP", HDUCLAS1="RESPONSE", HDUCLAS2="RSP_MATRIX", HDUCLAS3="REDIST",
                     DETCHANS=nchan, TLMIN4=1, TLMAX4=nchan, CHANTYPE="PI").items():
        m.header[k] = v
    e = np.linspace(0.1, 12.0, nchan + 1)
    eb = fits.BinTableHDU.from_columns([fits.Column("CHANNEL", "J", array=np.arange(1, nchan + 1)),
                                        fits.Column("E_MIN", "E", array=e[:-1]),
                                        fits.Column("E_MAX", "E", array=e[1:])], name="EBOUNDS")
    eb.header["DETCHANS"] = nchan
    fits.HDUList([fits.PrimaryHDU(), m, eb]).writeto(out("ogip_response", "seed.rmf"), overwrite=True)
    a = fits.BinTableHDU.from_columns([fits.Column("ENERG_LO", "E", array=elo[:-1]),
                                       fits.Column("ENERG_HI", "E", array=elo[1:]),
                                       fits.Column("SPECRESP", "E", array=np.linspace(100, 500, ne))],
                                      name="SPECRESP")
    a.header["HDUCLASS"] = "OGIP"
    a.header["HDUCLAS1"] = "RESPONSE"
    a.header["HDUCLAS2"] = "SPECRESP"
    fits.HDUList([fits.PrimaryHDU(), a]).writeto(out("ogip_response", "seed.arf"), overwrite=True)


def moc():
    uniq = np.array([4 * 4**3 + c for c in (1, 2, 3, 4)] + [4 * 4**5 + 8], dtype=np.int64)
    h = fits.BinTableHDU.from_columns([fits.Column("UNIQ", "K", array=uniq)])
    for k, v in dict(MOCVERS="2.0", MOCDIM="SPACE", ORDERING="NUNIQ", MOCORD_S=9, COORDSYS="C",
                     MOCTOOL="make_fits_seeds.py").items():
        h.header[k] = v
    fits.HDUList([fits.PrimaryHDU(), h]).writeto(out("moc_fits", "space_nuniq.fits"), overwrite=True)
    t = fits.BinTableHDU.from_columns([fits.Column("RANGE", "K", array=np.array([10, 20, 40, 80], dtype=np.int64))])
    for k, v in dict(MOCVERS="2.0", MOCDIM="TIME", ORDERING="RANGE", MOCORD_T=35, TIMESYS="TCB").items():
        t.header[k] = v
    fits.HDUList([fits.PrimaryHDU(), t]).writeto(out("moc_fits", "time_range.fits"), overwrite=True)


def votables():
    for fmt in ("tabledata", "binary", "binary2"):
        vot = VOTableFile(version="1.4")
        res = Resource()
        vot.resources.append(res)
        table = Table(vot, name="seed")
        res.tables.append(table)
        table.fields.extend([
            Field(vot, name="ra", datatype="double", unit="deg", ucd="pos.eq.ra;meta.main"),
            Field(vot, name="dec", datatype="double", unit="deg", ucd="pos.eq.dec;meta.main"),
            Field(vot, name="n", datatype="int"),
            Field(vot, name="flag", datatype="boolean"),
            Field(vot, name="name", datatype="unicodeChar", arraysize="*"),
            Field(vot, name="vec", datatype="float", arraysize="2")])
        table.create_arrays(3)
        table.array[0] = (202.48, 47.23, 1, True, "a", [1.0, 2.0])
        table.array[1] = (10.68, 41.27, 2, False, "b\u00e9", [3.0, 4.0])
        table.array[2] = (0.0, -90.0, 3, True, "", [5.0, 6.0])
        # Null integers need a null value outside TABLEDATA (astropy's W31).
        nulls = fmt != "binary"
        table.array.mask[2] = (False, False, fmt == "tabledata", nulls, nulls, False)
        buf = io.BytesIO()
        vot.to_xml(buf, tabledata_format=fmt)
        with open(out("votable", f"seed_{fmt}.vot"), "wb") as f:
            f.write(buf.getvalue())


def rmf_regressions():
    """RMFs that once made readRmf read outside its arrays (tests/fuzz/regressions/ogip_response)."""
    e = np.linspace(0.1, 12.0, nchan + 1)
    eb = fits.BinTableHDU.from_columns([fits.Column("CHANNEL", "J", array=np.arange(1, nchan + 1)),
                                        fits.Column("E_MIN", "E", array=e[:-1]),
                                        fits.Column("E_MAX", "E", array=e[1:])], name="EBOUNDS")

    def write(name, fchan, nchanrow, matrix, fchan_form, nchan_form, matrix_form):
        cols = [fits.Column("ENERG_LO", "E", array=[1.0, 2.0]), fits.Column("ENERG_HI", "E", array=[2.0, 3.0]),
                fits.Column("N_GRP", "I", array=[len(f) for f in fchan]),
                fits.Column("F_CHAN", fchan_form, array=fchan), fits.Column("N_CHAN", nchan_form, array=nchanrow),
                fits.Column("MATRIX", matrix_form, array=matrix)]
        m = fits.BinTableHDU.from_columns(cols, name="MATRIX")
        m.header["DETCHANS"] = nchan
        m.header["TLMIN4"] = 1
        fits.HDUList([fits.PrimaryHDU(), m, eb]).writeto(
            os.path.join(here, "..", "regressions", "ogip_response", name), overwrite=True)

    # F_CHAN lists two groups, N_CHAN one: N_CHAN was indexed past its end.
    write("rmf_fchan_nchan_lengths.rmf", [np.array([1, 5], dtype=np.int16), np.array([2], dtype=np.int16)],
          [np.array([2], dtype=np.int16), np.array([2], dtype=np.int16)],
          [np.full(4, 0.1, dtype=np.float32), np.full(2, 0.1, dtype=np.float32)], "PI()", "PI()", "PE()")
    # A full-width MATRIX row (DETCHANS values, indexed by channel) with a group running past it.
    write("rmf_full_row_group_past_end.rmf", [np.array([15], dtype=np.int16), np.array([1], dtype=np.int16)],
          [np.array([5], dtype=np.int16), np.array([2], dtype=np.int16)],
          np.full((2, nchan), 0.1, dtype=np.float32), "PI()", "PI()", f"{nchan}E")
    # The seed RMF with row 1's MATRIX descriptor claiming 1.9 billion values in a 96-byte heap.
    src = out("ogip_response", "seed.rmf")
    with fits.open(src) as h:
        datloc = h.fileinfo(1)["datLoc"]
    b = bytearray(open(src, "rb").read())
    at = datloc + 14  # after ENERG_LO, ENERG_HI (E), N_GRP, F_CHAN, N_CHAN (I)
    b[at:at + 4] = struct.pack(">i", 0x70000000)
    with open(os.path.join(here, "..", "regressions", "ogip_response", "rmf_descriptor_past_heap.rmf"), "wb") as f:
        f.write(b)


pha()
rmf()
moc()
votables()
rmf_regressions()
