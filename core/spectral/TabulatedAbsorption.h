#pragma once
// Photoelectric absorption by the interstellar medium from tabulated cross-sections per hydrogen
// atom, XSPEC's "phabs" and "tbabs":
//  - phabs: Anders & Grevesse (1989, Geochim. Cosmochim. Acta 53, 197) abundances with the
//    photoionisation cross-sections of Verner et al. (1996, ApJ 465, 487) (XSPEC's defaults
//    "abund angr", "xsect vern");
//  - tbabs: Wilms, Allen & McCray (2000, ApJ 542, 914), their abundances and cross-sections.
// Both are interpolated (straight lines in log sigma vs log E) in tables generated from the
// astromodels project's 0.1-20 keV tabulations (AbsorptionTables.inc, see
// scripts/make_absorption_tables.py). Energies keV, cross-sections cm^2 per H atom.

namespace xsky::spectral {

enum class AbsorptionTable { PhabsAngr, TbabsWilm };

/// sigma(E) [cm^2 per H atom] at energy E [keV]. Outside the tables' 0.1-20 keV, sigma E^3 is
/// held at its value at the nearest end (the E^-3 fall of photoabsorption away from edges).
double tabulatedCrossSection(AbsorptionTable table, double energyKeV);

/// Transmission exp(-nH sigma(E)) for nH in units of 1e22 atoms cm^-2.
double tabulatedTransmission(AbsorptionTable table, double nH22, double energyKeV);

}  // namespace xsky::spectral
