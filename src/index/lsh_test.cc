#include <gtest/gtest.h>

#include <cmath>

#include "reprint/lsh.h"

namespace reprint {
namespace {

// Reference weighted error with a fine trapezoid rule, independent of the
// implementation's integrator.
double WeightedError(double t, LshParams p) {
  const int steps = 4000;
  double fp = 0, fn = 0;
  for (int i = 0; i < steps; ++i) {
    double s = (i + 0.5) / steps;
    double prob = LshCollisionProbability(s, p);
    if (s < t) fp += prob / steps;
    else fn += (1 - prob) / steps;
  }
  return 0.5 * fp + 0.5 * fn;
}

TEST(LshParamsTest, ChoiceMinimisesWeightedErrorOverAllBandings) {
  for (double threshold : {0.3, 0.5, 0.7, 0.9}) {
    const int num_perm = 128;
    LshParams chosen = OptimalLshParams(threshold, num_perm);
    ASSERT_GE(chosen.bands, 1);
    ASSERT_LE(chosen.bands * chosen.rows, num_perm);
    const double chosen_error = WeightedError(threshold, chosen);
    for (int b = 1; b <= num_perm; ++b)
      for (int r = 1; r <= num_perm / b; ++r)
        EXPECT_LE(chosen_error, WeightedError(threshold, {b, r}) + 1e-4) << "t=" << threshold << " b=" << b << " r=" << r;
  }
}

TEST(LshParamsTest, CurveRisesAroundThreshold) {
  LshParams p = OptimalLshParams(0.7, 128);
  EXPECT_LT(LshCollisionProbability(0.4, p), 0.1);
  EXPECT_GT(LshCollisionProbability(0.9, p), 0.95);
}

TEST(LshIndexTest, FindsIdenticalSketchAndCapsBuckets) {
  LshParams p{4, 2};
  LshIndex index(p, /*max_bucket=*/3);
  std::vector<uint32_t> sketch = {1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<uint32_t> other = {9, 9, 9, 9, 9, 9, 9, 9};
  for (uint32_t doc = 0; doc < 5; ++doc) index.Insert(doc, sketch);
  index.Insert(10, other);
  std::vector<uint32_t> found;
  index.Query(sketch, &found);
  EXPECT_EQ(found, (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(index.capped_buckets(), 4u);
  found.clear();
  std::vector<uint32_t> half = {1, 2, 0, 0, 0, 0, 0, 0};
  index.Query(half, &found);  // shares only the first band
  EXPECT_EQ(found.size(), 3u);
}

}  // namespace
}  // namespace reprint
