#include "reprint/cluster_metrics.h"

#include <gtest/gtest.h>

namespace reprint {
namespace {

TEST(ClusterMetricsTest, IdenticalClusteringsScoreOne) {
  ClusterAgreement a = CompareClusterings({1, 1, 2, 2, 3}, {7, 7, 5, 5, 9});
  EXPECT_DOUBLE_EQ(a.pair_precision, 1);
  EXPECT_DOUBLE_EQ(a.pair_recall, 1);
  EXPECT_DOUBLE_EQ(a.bcubed_f1, 1);
  EXPECT_DOUBLE_EQ(a.ari, 1);
  EXPECT_EQ(a.items, 5u);
}

// gold  = {a b c} {d e}       pred = {a b} {c d e}
// Gold pairs: ab ac bc de = 4. Predicted pairs: ab cd ce de = 4. Shared: ab de = 2.
// Pairwise P = 2/4 = 0.5, R = 2/4 = 0.5, F1 = 0.5.
// B-cubed precision per item (share of its predicted cluster in its gold one):
//   a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15.
// B-cubed recall per item (share of its gold cluster in its predicted one):
//   a 2/3, b 2/3, c 1/3, d 2/2, e 2/2 -> (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15.
// ARI: n = 5, all pairs 10, expected = 4 * 4 / 10 = 1.6, max = (4 + 4) / 2 = 4,
//   ARI = (2 - 1.6) / (4 - 1.6) = 0.4 / 2.4 = 1/6.
TEST(ClusterMetricsTest, HandComputedSplitAndMerge) {
  ClusterAgreement a = CompareClusterings({0, 0, 0, 1, 1}, {0, 0, 1, 1, 1});
  EXPECT_DOUBLE_EQ(a.pair_precision, 0.5);
  EXPECT_DOUBLE_EQ(a.pair_recall, 0.5);
  EXPECT_DOUBLE_EQ(a.pair_f1, 0.5);
  EXPECT_NEAR(a.bcubed_precision, 11.0 / 15, 1e-12);
  EXPECT_NEAR(a.bcubed_recall, 11.0 / 15, 1e-12);
  EXPECT_NEAR(a.bcubed_f1, 11.0 / 15, 1e-12);
  EXPECT_NEAR(a.ari, 1.0 / 6, 1e-12);
}

// gold = {a b c d}, pred = all singletons.
// Pairwise: no predicted pairs -> P = 1 by convention, R = 0/6 = 0, F1 = 0.
// B-cubed P = 1 (each item alone), R = 1/4 per item = 0.25, F1 = 2*0.25/1.25 = 0.4.
// ARI: expected = 6 * 0 / 6 = 0, max = (6 + 0) / 2 = 3, ARI = (0 - 0) / 3 = 0.
TEST(ClusterMetricsTest, AllSingletonsAgainstOneCluster) {
  ClusterAgreement a = CompareClusterings({5, 5, 5, 5}, {0, 1, 2, 3});
  EXPECT_DOUBLE_EQ(a.pair_precision, 1);
  EXPECT_DOUBLE_EQ(a.pair_recall, 0);
  EXPECT_DOUBLE_EQ(a.pair_f1, 0);
  EXPECT_DOUBLE_EQ(a.bcubed_precision, 1);
  EXPECT_DOUBLE_EQ(a.bcubed_recall, 0.25);
  EXPECT_DOUBLE_EQ(a.bcubed_f1, 0.4);
  EXPECT_DOUBLE_EQ(a.ari, 0);
}

// gold = {a b} {c d} {e f}, pred = {a b c d e f} (everything merged).
// Gold pairs 3, predicted 15, shared 3: P = 3/15 = 0.2, R = 1, F1 = 2*0.2/1.2 = 1/3.
// B-cubed P = 2/6 per item = 1/3, R = 1, F1 = 0.5.
// ARI: expected = 3 * 15 / 15 = 3, max = (3 + 15) / 2 = 9, ARI = (3 - 3) / (9 - 3) = 0.
// Then pred = {a b c} {d e f}: shared pairs ab ef = 2, predicted 6.
// P = 2/6, R = 2/3; B-cubed P: a,b 2/3, c 1/3, d 1/3, e,f 2/3 -> (10/3) / 6 = 5/9;
// R: a,b 1, c 1/2, d 1/2, e,f 1 -> 5/6. ARI: expected = 3 * 6 / 15 = 1.2,
// max = 4.5, ARI = (2 - 1.2) / (4.5 - 1.2) = 0.8 / 3.3 = 8/33.
TEST(ClusterMetricsTest, OverMergingIsPenalised) {
  ClusterAgreement a = CompareClusterings({0, 0, 1, 1, 2, 2}, {4, 4, 4, 4, 4, 4});
  EXPECT_NEAR(a.pair_precision, 0.2, 1e-12);
  EXPECT_DOUBLE_EQ(a.pair_recall, 1);
  EXPECT_NEAR(a.pair_f1, 1.0 / 3, 1e-12);
  EXPECT_NEAR(a.bcubed_precision, 1.0 / 3, 1e-12);
  EXPECT_NEAR(a.bcubed_f1, 0.5, 1e-12);
  EXPECT_NEAR(a.ari, 0, 1e-12);

  ClusterAgreement b = CompareClusterings({0, 0, 1, 1, 2, 2}, {0, 0, 0, 1, 1, 1});
  EXPECT_NEAR(b.pair_precision, 1.0 / 3, 1e-12);
  EXPECT_NEAR(b.pair_recall, 2.0 / 3, 1e-12);
  EXPECT_NEAR(b.bcubed_precision, 5.0 / 9, 1e-12);
  EXPECT_NEAR(b.bcubed_recall, 5.0 / 6, 1e-12);
  EXPECT_NEAR(b.ari, 8.0 / 33, 1e-12);
}

TEST(ClusterMetricsTest, EmptyInputIsPerfect) {
  ClusterAgreement a = CompareClusterings({}, {});
  EXPECT_EQ(a.items, 0u);
  EXPECT_DOUBLE_EQ(a.bcubed_f1, 1);
}

}  // namespace
}  // namespace reprint
