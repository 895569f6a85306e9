#!/usr/bin/python3
"""Independent values of XSky's additive model components, integrated over energy bins with
scipy.integrate.quad straight from each component's published formula (energies keV, photons
cm^-2 s^-1 per bin). The numbers printed are pasted into tests/core/tst_spectral_components.cpp;
run with Debian's /usr/bin/python3 (python3-scipy, python3-numpy, python3-astropy).

    /usr/bin/python3 tests/oracles/spectral_components_oracle.py [ASTROMODELS_XSECT_DIR]

With the astromodels folder it also prints phabs/tbabs cross-sections at a few table energies.
"""

import sys

import numpy as np
from scipy.integrate import quad
from scipy.special import k0e

C_BBODYRAD = 1.0344e-3  # XSPEC bbodyrad: photons cm^-2 s^-1 keV^-3 for (R/km)^2 / (D/10 kpc)^2


def cutoffpl(e, gamma, cut, norm):
    # XSPEC cutoffpl: K E^-Gamma exp(-E / HighECut)
    return norm * e ** -gamma * np.exp(-e / cut)


def bknpower(e, g1, eb, g2, norm):
    # XSPEC bknpower: K E^-G1 below BreakE, K Eb^(G2 - G1) E^-G2 above
    return norm * e ** -g1 if e <= eb else norm * eb ** (g2 - g1) * e ** -g2


def bbodyrad(e, kt, norm):
    # XSPEC bbodyrad: K 1.0344e-3 E^2 / (exp(E / kT) - 1)
    return norm * C_BBODYRAD * e * e / np.expm1(e / kt)


def diskbb(e, tin, norm):
    # Mitsuda et al. (1984): annuli at T(r) = Tin (r / Rin)^-3/4, r from Rin to infinity; with
    # K = (Rin_km / D_10kpc)^2 cos i the photon flux is 2 C K int_1^inf x E^2 / (e^(E/T) - 1) dx.
    def annulus(x):
        arg = e / (tin * x ** -0.75)
        return 0.0 if arg > 700 else x * e * e / np.expm1(arg)
    value = 0.0
    edges = [1.0, 2.0, 5.0, 20.0, 100.0, 1e3, 1e4, 1e5, 1e6, np.inf]
    for a, b in zip(edges[:-1], edges[1:]):
        value += quad(annulus, a, b, epsabs=0, epsrel=1e-12, limit=200)[0]
    return 2.0 * C_BBODYRAD * norm * value


def bremss(e, kt, norm):
    # XSPEC bremss: K g(E, kT) exp(-E/kT) / (E sqrt(kT)), g the Born-approximation thermal
    # average (sqrt 3 / pi) e^(x/2) K0(x/2), x = E / kT (Rybicki & Lightman 1979, Sect. 5.3).
    x = e / kt
    g_times_boltzmann = np.sqrt(3.0) / np.pi * k0e(x / 2.0) * np.exp(-x)  # k0e(z) = e^z K0(z)
    return norm * g_times_boltzmann / (e * np.sqrt(kt))


def lorentz(e, line, width, norm):
    # XSPEC lorentz: K (W / 2 pi) / ((E - El)^2 + (W / 2)^2)
    return norm * (width / (2.0 * np.pi)) / ((e - line) ** 2 + (width / 2.0) ** 2)


CASES = [
    ("cutoffpl", cutoffpl, (1.7, 15.0, 1.0), [(0.5, 1.0), (1.0, 2.0), (5.0, 10.0), (20.0, 40.0)]),
    ("cutoffpl", cutoffpl, (-0.5, 3.0, 0.2), [(0.2, 0.3), (2.0, 8.0)]),
    ("bknpower", bknpower, (1.5, 3.0, 2.5, 2.0), [(1.0, 2.0), (2.0, 4.0), (5.0, 10.0)]),
    ("bbodyrad", bbodyrad, (0.5, 100.0), [(0.1, 0.2), (0.5, 0.6), (1.0, 3.0), (3.0, 5.0)]),
    ("diskbb", diskbb, (1.2, 50.0), [(0.1, 0.2), (0.5, 0.6), (1.0, 2.0), (3.0, 6.0), (8.0, 12.0)]),
    ("diskbb", diskbb, (0.3, 1000.0), [(0.3, 0.5), (1.0, 2.0)]),
    ("bremss", bremss, (5.0, 1.0), [(0.2, 0.3), (1.0, 2.0), (5.0, 7.0), (20.0, 30.0)]),
    ("bremss", bremss, (0.8, 0.01), [(0.5, 1.0)]),
    ("lorentz", lorentz, (6.4, 0.3, 2.0), [(6.3, 6.5), (5.0, 6.0), (6.4, 8.0)]),
]


def main():
    for name, f, params, bins in CASES:
        for lo, hi in bins:
            points = [p for p in (params[1],) if name == "bknpower" and lo < p < hi]
            value = quad(lambda e: f(e, *params), lo, hi, epsabs=0, epsrel=1e-11,
                         limit=200, points=points or None)[0]
            args = ", ".join("%g" % p for p in params)
            print('{"%s", {%s}, %g, %g, %.12g},' % (name, args, lo, hi, value))
    if len(sys.argv) > 1:
        from astropy.io import fits
        for filename in ("xsect_phabs_angr.fits", "xsect_tbabs_wilm.fits"):
            data = fits.open(sys.argv[1] + "/" + filename)[1].data
            for i in (0, 1234, 2500, 4321, 5000, 6789, 8000, 9999):
                print("%s {%.9g, %.9g}," % (filename, data["ENERGY"][i], data["SIGMA"][i]))


if __name__ == "__main__":
    main()
