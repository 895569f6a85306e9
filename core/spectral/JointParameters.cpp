#include "spectral/JointParameters.h"

#include "fits/FitsError.h"

namespace xsky::spectral {

JointParameters::JointParameters(const std::vector<Parameter>& modelParameters, int dataSets)
    : copies_(size_t(std::max(dataSets, 1)), modelParameters),
      untied_(modelParameters.size(), false),
      link_(modelParameters.size(), -1) {}

void JointParameters::untie(int i) {
  if (untied_[size_t(i)]) return;
  untied_[size_t(i)] = true;
  for (size_t d = 1; d < copies_.size(); ++d) copies_[d][size_t(i)] = copies_[0][size_t(i)];
}

int JointParameters::resolve(int i) const {
  for (size_t hops = 0; link_[size_t(i)] >= 0; ++hops) {
    if (hops > link_.size()) throw Error(QStringLiteral("parameter links form a cycle"));
    i = link_[size_t(i)];
  }
  return i;
}

void JointParameters::link(int i, int target) {
  if (i == target) {
    throw Error(
        QStringLiteral("%1 cannot be linked to itself").arg(copies_[0][size_t(i)].fullName()));
  }
  const int previous = link_[size_t(i)];
  link_[size_t(i)] = target;
  try {
    resolve(i);
  } catch (const Error&) {
    link_[size_t(i)] = previous;
    throw;
  }
}

void JointParameters::untieCalibrationConstants() {
  for (size_t i = 0; i < untied_.size(); ++i) {
    if (copies_[0][i].type != QLatin1String("constant")) continue;
    untie(int(i));
    copies_[0][i].value = 1.0;
    copies_[0][i].frozen = true;
    for (size_t d = 1; d < copies_.size(); ++d) copies_[d][i].frozen = false;
  }
}

// A linked parameter has a copy per data set: it follows its target there.
Parameter& JointParameters::at(int d, int i) {
  return copies_[untied_[size_t(i)] || link_[size_t(i)] >= 0 ? size_t(d) : 0][size_t(i)];
}

const Parameter& JointParameters::at(int d, int i) const {
  return copies_[untied_[size_t(i)] || link_[size_t(i)] >= 0 ? size_t(d) : 0][size_t(i)];
}

std::pair<int, int> JointParameters::find(const QString& key) const {
  const int n = modelParameterCount();
  bool isNumber = false;
  const int number = key.trimmed().toInt(&isNumber);
  if (isNumber) {
    if (number < 1 || number > n * dataSetCount()) return {-1, -1};
    return {(number - 1) / n, (number - 1) % n};
  }
  for (int i = 0; i < n; ++i) {
    if (copies_[0][size_t(i)].fullName().compare(key.trimmed(), Qt::CaseInsensitive) == 0)
      return {0, i};
  }
  return {-1, -1};
}

std::vector<std::pair<int, int>> JointParameters::independentSlots() const {
  std::vector<std::pair<int, int>> fitted;
  for (int d = 0; d < dataSetCount(); ++d) {
    for (int i = 0; i < modelParameterCount(); ++i) {
      if (link_[size_t(i)] < 0 && (d == 0 || untied_[size_t(i)])) fitted.emplace_back(d, i);
    }
  }
  return fitted;
}

std::vector<Parameter> JointParameters::independent() const {
  std::vector<Parameter> out;
  for (const auto& [d, i] : independentSlots()) out.push_back(copies_[size_t(d)][size_t(i)]);
  return out;
}

ParameterMap JointParameters::map() const {
  const auto fitted = independentSlots();
  auto indexOf = [&](int d, int i) {
    const int dd = untied_[size_t(i)] ? d : 0;
    for (size_t k = 0; k < fitted.size(); ++k) {
      if (fitted[k].first == dd && fitted[k].second == i) return int(k);
    }
    return -1;
  };
  ParameterMap m;
  m.fitted.assign(copies_.size(), std::vector<int>(untied_.size(), -1));
  for (int d = 0; d < dataSetCount(); ++d) {
    for (int i = 0; i < modelParameterCount(); ++i)
      m.fitted[size_t(d)][size_t(i)] = indexOf(d, resolve(i));
  }
  return m;
}

void JointParameters::assign(const std::vector<Parameter>& independent) {
  const auto fitted = independentSlots();
  for (size_t k = 0; k < fitted.size() && k < independent.size(); ++k) {
    copies_[size_t(fitted[k].first)][size_t(fitted[k].second)].value = independent[k].value;
  }
  for (int d = 0; d < dataSetCount(); ++d) {
    for (int i = 0; i < modelParameterCount(); ++i) {
      if (link_[size_t(i)] >= 0) {
        at(d, i).value = at(d, resolve(i)).value;
      } else if (!untied_[size_t(i)] && d > 0) {
        copies_[size_t(d)][size_t(i)] = copies_[0][size_t(i)];
      }
    }
  }
}

}  // namespace xsky::spectral
