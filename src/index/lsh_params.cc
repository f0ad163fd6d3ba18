#include <cmath>
#include <limits>

#include "reprint/lsh.h"

namespace reprint {
namespace {

// Simpson's rule; the integrands are smooth polynomials in s.
template <typename F>
double Integrate(F f, double lo, double hi) {
  constexpr int kSteps = 200;  // even
  const double h = (hi - lo) / kSteps;
  double sum = f(lo) + f(hi);
  for (int i = 1; i < kSteps; ++i) sum += f(lo + i * h) * (i % 2 ? 4 : 2);
  return sum * h / 3;
}

}  // namespace

double LshCollisionProbability(double s, LshParams params) {
  return 1.0 - std::pow(1.0 - std::pow(s, params.rows), params.bands);
}

LshParams OptimalLshParams(double threshold, int num_perm, double fp_weight, double fn_weight) {
  LshParams best{1, 1};
  double best_error = std::numeric_limits<double>::infinity();
  for (int bands = 1; bands <= num_perm; ++bands) {
    for (int rows = 1; rows <= num_perm / bands; ++rows) {
      const LshParams p{bands, rows};
      const double false_positive =
          Integrate([p](double s) { return LshCollisionProbability(s, p); }, 0.0, threshold);
      const double false_negative =
          Integrate([p](double s) { return 1.0 - LshCollisionProbability(s, p); }, threshold, 1.0);
      const double error = fp_weight * false_positive + fn_weight * false_negative;
      if (error < best_error) {
        best_error = error;
        best = p;
      }
    }
  }
  return best;
}

}  // namespace reprint
