#pragma once
// The model components (XSPEC's names, parameters, units and defaults) evaluated on an energy
// grid. Additive components give photons cm^-2 s^-1 integrated over each bin [lo, hi] keV;
// multiplicative ones give a dimensionless factor per bin.

#include <QString>
#include <span>
#include <vector>

namespace xsky::spectral {

enum class ComponentKind { Additive, Multiplicative };

struct ParameterSpec {
  const char* name;
  const char* unit;
  double value;     // XSPEC's default
  double min, max;  // hard limits
  double step;      // typical scale, for numerical derivatives
};

using ComponentFunction = void (*)(const double* params, std::span<const double> lo,
                                   std::span<const double> hi, double* out);

struct ComponentType {
  const char* name;
  ComponentKind kind;
  std::vector<ParameterSpec> parameters;
  ComponentFunction evaluate;
};

/// The component of this name (case-insensitive), or nullptr.
const ComponentType* findComponentType(const QString& name);
/// Every known component name, for error messages.
QStringList componentTypeNames();

/// integral over [lo, hi] keV of K E^-Gamma (XSPEC powerlaw), photons cm^-2 s^-1.
double powerlawIntegral(double norm, double phoIndex, double lo, double hi);

}  // namespace xsky::spectral
