#include "reprint/similarity.h"

#include <gtest/gtest.h>

namespace reprint {
namespace {

TEST(SimilarityTest, JaccardAndContainment) {
  ShingleSet a, b;
  for (uint64_t i = 0; i < 50; ++i) a.push_back(i);
  for (uint64_t i = 0; i < 20; ++i) b.push_back(i * 2);  // 0..38, all in a
  PairScores s = CompareShingleSets(a, b);
  EXPECT_EQ(s.intersection, 20u);
  EXPECT_DOUBLE_EQ(s.jaccard, 0.4);
  EXPECT_DOUBLE_EQ(s.containment, 1.0);
  EXPECT_EQ(ClassifyPair(s, false, {}), Relation::kContained);
}

TEST(SimilarityTest, TinyTextsAreNotContainedCopies) {
  ShingleSet big, tiny = {1, 2, 3};
  for (uint64_t i = 0; i < 100; ++i) big.push_back(i);
  PairScores s = CompareShingleSets(big, tiny);
  EXPECT_DOUBLE_EQ(s.containment, 1.0);
  EXPECT_EQ(s.smaller_size, 3u);
  EXPECT_EQ(ClassifyPair(s, false, {}), Relation::kUnrelated);
}

TEST(SimilarityTest, EmptySetsAreUnrelated) {
  PairScores s = CompareShingleSets(ShingleSet{}, ShingleSet{1, 2});
  EXPECT_EQ(s.jaccard, 0.0);
  EXPECT_EQ(ClassifyPair(s, false, {}), Relation::kUnrelated);
}

TEST(SimilarityTest, ClassificationOrder) {
  PairScores near{0.8, 0.9, 8, 20};
  EXPECT_EQ(ClassifyPair(near, false, {}), Relation::kNearDuplicate);
  EXPECT_EQ(ClassifyPair(near, true, {}), Relation::kExact);
  PairScores weak{0.2, 0.5, 3, 20};
  EXPECT_EQ(ClassifyPair(weak, false, {}), Relation::kUnrelated);
  EXPECT_EQ(RelationName(Relation::kNearDuplicate), "near-duplicate");
}

}  // namespace
TEST(CompareTextsTest, ExactTrimmedAndUnrelated) {
  std::string story, other;
  for (int i = 0; i < 120; ++i) story += "word" + std::to_string(i * 7 % 101) + "x" + std::to_string(i) + " ";
  for (int i = 0; i < 120; ++i) other += "other" + std::to_string(i) + " ";
  const RelationThresholds thresholds;
  EXPECT_EQ(CompareTexts(story, story, FingerprintOptions(), thresholds).relation, Relation::kExact);
  const TextComparison trimmed = CompareTexts(story.substr(0, story.size() / 2), story, FingerprintOptions(), thresholds);
  EXPECT_EQ(trimmed.relation, Relation::kContained);
  EXPECT_LT(trimmed.a_shingles, trimmed.b_shingles);
  EXPECT_GT(trimmed.scores.containment, 0.95);  // the cut splits a word: one shingle differs
  EXPECT_EQ(CompareTexts(story, other, FingerprintOptions(), thresholds).relation, Relation::kUnrelated);
}

}  // namespace reprint
