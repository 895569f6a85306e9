#pragma once
// A source model as an expression of components, XSPEC style: `phabs*powerlaw`,
// `wabs*(powerlaw+gaussian)`. Grammar: sum := product ('+' product)*;
// product := factor ('*' factor)*; factor := NAME | '(' sum ')'. Parameters are numbered in
// order of appearance (as XSPEC numbers them); a second instance of a component is named
// `powerlaw_2`.

#include <QString>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "fits/FitsError.h"
#include "spectral/ModelComponents.h"

namespace xsky::spectral {

/// A syntax error in a model expression; column() is 1-based.
class ModelSyntaxError : public Error {
 public:
  ModelSyntaxError(const QString& expression, int column, const QString& what);
  int column() const { return column_; }

 private:
  int column_;
};

struct Parameter {
  QString component;  // instance name: "powerlaw", "powerlaw_2"
  QString type;       // component type: "powerlaw"
  QString name;       // "PhoIndex"
  QString unit;
  double value = 0.0;
  double min = 0.0, max = 0.0;
  double step = 0.01;
  bool frozen = false;
  QString fullName() const { return component + QLatin1Char('.') + name; }
};

class Model {
 public:
  /// Parses the expression; throws ModelSyntaxError pointing at the offending column.
  static Model parse(const QString& expression);
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;
  ~Model();

  const QString& expression() const { return expression_; }
  std::vector<Parameter>& parameters() { return parameters_; }
  const std::vector<Parameter>& parameters() const { return parameters_; }
  /// Index of a parameter given as a 1-based number or `component.Param`; -1 when none.
  int findParameter(const QString& key) const;
  /// Photons cm^-2 s^-1 in each bin [lo[i], hi[i]] keV, at the given parameter values (one per
  /// parameter, in order).
  void evaluate(std::span<const double> values, std::span<const double> lo,
                std::span<const double> hi, double* out) const;
  /// As evaluate(), with every multiplicative component for which `neutral` is true replaced by
  /// 1 (the unabsorbed model when `neutral` picks the absorption components).
  void evaluate(std::span<const double> values, std::span<const double> lo,
                std::span<const double> hi, double* out,
                const std::function<bool(const ComponentType&)>& neutral) const;

  struct Node;

 private:
  Model();
  QString expression_;
  std::vector<Parameter> parameters_;
  std::unique_ptr<Node> root_;
};

}  // namespace xsky::spectral
