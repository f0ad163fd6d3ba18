#include "reprint/similarity.h"

#include <gtest/gtest.h>

namespace reprint {
namespace {

TEST(SimilarityTest, JaccardAndContainment) {
  ShingleSet a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  ShingleSet b = {1, 2, 3, 4};
  PairScores s = CompareShingleSets(a, b);
  EXPECT_EQ(s.intersection, 4u);
  EXPECT_DOUBLE_EQ(s.jaccard, 0.4);
  EXPECT_DOUBLE_EQ(s.containment, 1.0);
  EXPECT_EQ(ClassifyPair(s, false, {}), Relation::kContained);
}

TEST(SimilarityTest, EmptySetsAreUnrelated) {
  PairScores s = CompareShingleSets({}, {1, 2});
  EXPECT_EQ(s.jaccard, 0.0);
  EXPECT_EQ(ClassifyPair(s, false, {}), Relation::kUnrelated);
}

TEST(SimilarityTest, ClassificationOrder) {
  PairScores near{0.8, 0.9, 8};
  EXPECT_EQ(ClassifyPair(near, false, {}), Relation::kNearDuplicate);
  EXPECT_EQ(ClassifyPair(near, true, {}), Relation::kExact);
  PairScores weak{0.2, 0.5, 3};
  EXPECT_EQ(ClassifyPair(weak, false, {}), Relation::kUnrelated);
  EXPECT_EQ(RelationName(Relation::kNearDuplicate), "near-duplicate");
}

}  // namespace
}  // namespace reprint
