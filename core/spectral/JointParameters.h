#pragma once
// The parameters of one model fitted to several data sets at once (XSPEC's data groups): every
// parameter is tied across data sets unless untied, a parameter may be linked to another (it then
// takes that parameter's value in each data set and is not fitted), and a cross-calibration
// `constant` is untied by default with its first data set's copy frozen at 1.
// The fitted vector holds the independent parameters only: data set 1's unlinked parameters,
// then, for each further data set, its own copies of the untied ones. ParameterMap says where
// each data set's model parameters find their values in that vector.
// Numbering follows XSPEC: data set d (1-based) has parameters (d-1) N + 1 ... d N.

#include <QString>
#include <utility>
#include <vector>

#include "spectral/ModelExpression.h"

namespace xsky::spectral {

/// fitted[d][i]: index in the fitted vector of model parameter i for data set d (0-based). An
/// empty map means one data set layout for all: model parameter i is fitted value i.
struct ParameterMap {
  std::vector<std::vector<int>> fitted;
};

class JointParameters {
 public:
  /// Every parameter tied across `dataSets` data sets, none linked.
  JointParameters(const std::vector<Parameter>& modelParameters, int dataSets);

  int dataSetCount() const { return int(copies_.size()); }
  int modelParameterCount() const { return int(untied_.size()); }

  /// Gives every data set its own copy of model parameter i (0-based), starting at data set 1's.
  void untie(int i);
  bool isUntied(int i) const { return untied_[size_t(i)]; }
  /// Parameter i follows parameter `target` (0-based, in each data set). Throws xsky::Error for
  /// a link to itself or a cycle.
  void link(int i, int target);
  /// The parameter i follows, or -1.
  int linkOf(int i) const { return link_[size_t(i)]; }
  /// Unties every `constant.factor` and freezes data set 1's copy at 1.
  void untieCalibrationConstants();

  /// The copy of parameter i that data set d (0-based) uses: its own when untied or linked,
  /// else data set 0's.
  Parameter& at(int d, int i);
  const Parameter& at(int d, int i) const;
  /// A parameter given as an XSPEC number (1-based across data sets) or `component.Param`
  /// (data set 1): {data set, model index}, 0-based; {-1, -1} when none.
  std::pair<int, int> find(const QString& key) const;

  /// The independent parameters in fitting order, and where each comes from.
  std::vector<Parameter> independent() const;
  std::vector<std::pair<int, int>> independentSlots() const;
  ParameterMap map() const;
  /// Stores fitted values (as independent() orders them) into every copy, links included.
  void assign(const std::vector<Parameter>& independent);

 private:
  int resolve(int i) const;  // follows links to the parameter that is fitted

  std::vector<std::vector<Parameter>> copies_;  // [data set][model index]
  std::vector<bool> untied_;
  std::vector<int> link_;
};

}  // namespace xsky::spectral
