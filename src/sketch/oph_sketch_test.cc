#include "sketch/oph_sketch.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace reprint::sketch {
namespace {

std::vector<uint32_t> SketchOf(const std::vector<uint64_t>& set, int k) {
  OnePermutationSketcher sketcher(k, 42);
  for (uint64_t h : set) sketcher.Add(h);
  std::vector<uint32_t> sketch;
  sketcher.Finish(&sketch);
  return sketch;
}

// Builds two sets of the given sizes sharing `common` elements.
void MakePair(std::mt19937_64& rng, size_t only_a, size_t only_b, size_t common, std::vector<uint64_t>* a,
              std::vector<uint64_t>* b) {
  a->clear();
  b->clear();
  for (size_t i = 0; i < common; ++i) {
    uint64_t x = rng();
    a->push_back(x);
    b->push_back(x);
  }
  for (size_t i = 0; i < only_a; ++i) a->push_back(rng());
  for (size_t i = 0; i < only_b; ++i) b->push_back(rng());
}

// The documented bound: the estimate's standard error is close to
// sqrt(J(1-J)/k); over many pairs, errors beyond 4 standard errors must be
// (almost) absent and the mean error must be near zero (unbiased).
TEST(OnePermutationSketchTest, EstimatorErrorWithinStatedBound) {
  std::mt19937_64 rng(12345);
  const int k = 128;
  std::uniform_int_distribution<size_t> size_dist(20, 2000);
  std::uniform_real_distribution<double> j_dist(0.05, 0.95);
  double sum_error = 0;
  int outliers = 0;
  const int pairs = 400;
  for (int trial = 0; trial < pairs; ++trial) {
    size_t uni = size_dist(rng);
    double target = j_dist(rng);
    size_t common = static_cast<size_t>(std::lround(target * uni));
    size_t only_a = (uni - common) / 2, only_b = uni - common - only_a;
    std::vector<uint64_t> a, b;
    MakePair(rng, only_a, only_b, common, &a, &b);
    double truth = static_cast<double>(common) / static_cast<double>(uni);
    double estimate = SketchSimilarity(SketchOf(a, k), SketchOf(b, k));
    double sigma = std::sqrt(truth * (1 - truth) / k);
    sum_error += estimate - truth;
    if (std::abs(estimate - truth) > 4 * sigma + 1e-9) ++outliers;
  }
  EXPECT_LE(outliers, 2) << "more than 0.5% of pairs beyond 4 sigma";
  EXPECT_LT(std::abs(sum_error / pairs), 0.01) << "estimator looks biased";
}

TEST(OnePermutationSketchTest, SmallSetsAreDensifiedConsistently) {
  std::vector<uint64_t> set = {1, 2, 3};
  auto a = SketchOf(set, 64);
  auto b = SketchOf(set, 64);
  ASSERT_EQ(a.size(), 64u);
  EXPECT_EQ(a, b);
  EXPECT_DOUBLE_EQ(SketchSimilarity(a, b), 1.0);
}

TEST(OnePermutationSketchTest, EmptySetGivesEmptySketch) {
  EXPECT_TRUE(SketchOf({}, 32).empty());
}

TEST(OnePermutationSketchTest, DisjointSetsRarelyCollide) {
  std::mt19937_64 rng(7);
  std::vector<uint64_t> a, b;
  MakePair(rng, 500, 500, 0, &a, &b);
  EXPECT_LT(SketchSimilarity(SketchOf(a, 128), SketchOf(b, 128)), 0.05);
}

}  // namespace
}  // namespace reprint::sketch
