// Fuzz target: the XSPEC-style model expression (core/spectral/ModelExpression.h): parse, look
// parameters up, and evaluate the model at its default parameter values on a small energy grid.
#include <vector>

#include "FuzzTargets.h"
#include "spectral/ModelExpression.h"

namespace xsky::fuzz {

int fuzzModelExpression(const uint8_t* data, size_t size) {
  const QString text = toText(data, size);
  try {
    spectral::Model model = spectral::Model::parse(text);
    std::vector<double> values;
    for (const spectral::Parameter& p : model.parameters()) {
      values.push_back(p.value);
      fuzzCheck(model.findParameter(p.fullName()) >= 0, "a parameter is not found by its name",
                p.fullName());
    }
    (void)model.findParameter(QStringLiteral("1"));
    (void)model.findParameter(text);
    const std::vector<double> lo{0.1, 0.3, 0.5, 1.0, 2.0, 5.0, 9.9, 20.0};
    const std::vector<double> hi{0.3, 0.5, 1.0, 2.0, 5.0, 9.9, 10.0, 50.0};
    std::vector<double> out(lo.size(), 0.0);
    model.evaluate(values, lo, hi, out.data());
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace xsky::fuzz
