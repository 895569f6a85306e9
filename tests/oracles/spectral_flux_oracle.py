#!/usr/bin/python3
"""Independent band fluxes of wabs*powerlaw with scipy.integrate.quad: photon flux
int K E^-G exp(-nH sigma(E)) dE and energy flux int K E^-G exp(-nH sigma(E)) E dE x 1.602176634e-9
erg/keV, absorbed and unabsorbed (nH = 0), sigma(E) from Morrison & McCammon (1983) Table 2
(MM83_CSV: ../shared/data/absorption/mm83_table2.csv). Run with Debian's /usr/bin/python3:

    spectral_flux_oracle.py MM83_CSV NH GAMMA NORM LO HI

Prints JSON: photon_flux, energy_flux, unabsorbed_photon_flux, unabsorbed_energy_flux.
"""

import csv
import json
import sys

import numpy as np
from scipy.integrate import quad

KEV = 1.602176634e-9


def main():
    path, nh, gamma, norm, lo, hi = sys.argv[1], *map(float, sys.argv[2:7])
    rows = [r for r in csv.reader(open(path)) if r and not r[0].startswith("#")][1:]
    table = [tuple(map(float, r)) for r in rows]

    def sigma(e):  # 1e-22 cm^2 per H atom
        for elo, ehi, c0, c1, c2 in table:
            if elo <= e < ehi:
                return (c0 + c1 * e + c2 * e * e) / e ** 3 * 1e-2
        return 0.0

    edges = sorted({lo, hi} | {t[0] for t in table if lo < t[0] < hi})

    def integral(f):
        return sum(quad(f, a, b, epsabs=0, epsrel=1e-12, limit=200)[0]
                   for a, b in zip(edges[:-1], edges[1:]))

    def spectrum(e, absorbed):
        s = norm * e ** -gamma
        return s * np.exp(-nh * sigma(e)) if absorbed else s

    out = {
        "photon_flux": integral(lambda e: spectrum(e, True)),
        "energy_flux": KEV * integral(lambda e: e * spectrum(e, True)),
        "unabsorbed_photon_flux": integral(lambda e: spectrum(e, False)),
        "unabsorbed_energy_flux": KEV * integral(lambda e: e * spectrum(e, False)),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
