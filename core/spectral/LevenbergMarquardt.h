#pragma once
// A bounded Levenberg-Marquardt least-squares minimiser (Levenberg 1944; Marquardt 1963, J. SIAM
// 11, 431) with a forward-difference Jacobian and Marquardt's diagonal scaling. Parameters
// leaving their [lower, upper] box are clamped back to it.

#include <functional>
#include <vector>

namespace xsky::spectral {

using ResidualFunction = std::function<void(const std::vector<double>& x, std::vector<double>* r)>;
/// Residuals of several points at once (for the Jacobian); optional.
using BatchResidualFunction =
    std::function<void(const std::vector<std::vector<double>>& xs, std::vector<std::vector<double>>* rs)>;

struct LmOptions {
  int maxIterations = 500;
  double relativeTolerance = 1e-10;  // on the sum of squares and on each step
};

struct LmResult {
  std::vector<double> x;
  double sumOfSquares = 0.0;
  int iterations = 0;
  bool converged = false;
};

/// `scale[i]` is a typical magnitude of x[i], used for derivative steps when x[i] is 0.
LmResult levenbergMarquardt(const ResidualFunction& f, std::vector<double> x,
                            const std::vector<double>& lower, const std::vector<double>& upper,
                            const std::vector<double>& scale, const LmOptions& options = {},
                            const BatchResidualFunction& batch = {});

/// Solves A x = b in place (A n x n, row-major) by Gaussian elimination with partial pivoting;
/// false when A is singular.
bool solveLinear(std::vector<double> a, std::vector<double>* b, int n);
/// Inverts A (n x n, row-major); false when singular.
bool invertMatrix(const std::vector<double>& a, std::vector<double>* inverse, int n);

}  // namespace xsky::spectral
