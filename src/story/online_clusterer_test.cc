#include "story/online_clusterer.h"

#include <gtest/gtest.h>

#include <initializer_list>

namespace reprint::story {
namespace {

TermVector Vec(std::initializer_list<WeightedTerm> terms) {
  TermVector v(terms);
  Normalize(&v);
  return v;
}

TEST(TermVectorTest, AddKeepAndNormalise) {
  TermVector sum = {{1, 1}, {3, 2}};
  TermVector scratch;
  AddInto({{0, 5}, {3, 1}, {7, 1}}, &sum, &scratch);
  ASSERT_EQ(sum.size(), 4u);
  EXPECT_EQ(sum[0].term, 0u);
  EXPECT_FLOAT_EQ(sum[2].weight, 3);  // term 3: 2 + 1
  KeepHeaviest(&sum, 2);              // 0 (5) and 3 (3); ids stay sorted
  ASSERT_EQ(sum.size(), 2u);
  EXPECT_EQ(sum[0].term, 0u);
  EXPECT_EQ(sum[1].term, 3u);
  EXPECT_EQ(HeaviestTerms(sum, 1), std::vector<uint32_t>{0});
  Normalize(&sum);
  EXPECT_NEAR(Norm(sum), 1.0, 1e-6);
}

TEST(OnlineClustererTest, SimilarArticlesJoinAndDissimilarOnesStartStories) {
  OnlineClusterer c(ClustererOptions{});
  EXPECT_EQ(c.Add(Vec({{1, 1}, {2, 1}, {3, 1}}), std::nullopt), 0u);
  EXPECT_EQ(c.Add(Vec({{1, 1}, {2, 1}, {4, 1}}), std::nullopt), 0u);  // cosine 2/3 with the centroid's terms
  EXPECT_EQ(c.Add(Vec({{10, 1}, {11, 1}}), std::nullopt), 1u);        // nothing shared
  EXPECT_EQ(c.Add(Vec({{11, 1}, {12, 1}}), std::nullopt), 1u);
  EXPECT_EQ(c.story_count(), 2u);
  EXPECT_EQ(c.size(0), 2u);
}

TEST(OnlineClustererTest, ThresholdDecides) {
  // Cosine of {1,2} with {2,3} is 0.5.
  ClustererOptions strict;
  strict.threshold = 0.6;
  OnlineClusterer a(strict);
  a.Add(Vec({{1, 1}, {2, 1}}), std::nullopt);
  EXPECT_EQ(a.Add(Vec({{2, 1}, {3, 1}}), std::nullopt), 1u);
  ClustererOptions loose;
  loose.threshold = 0.4;
  OnlineClusterer b(loose);
  b.Add(Vec({{1, 1}, {2, 1}}), std::nullopt);
  EXPECT_EQ(b.Add(Vec({{2, 1}, {3, 1}}), std::nullopt), 0u);
}

TEST(OnlineClustererTest, ArticlesJoinTheMostSimilarStory) {
  OnlineClusterer c(ClustererOptions{});
  c.Add(Vec({{1, 1}, {2, 1}, {3, 1}}), std::nullopt);
  c.Add(Vec({{4, 1}, {5, 1}, {6, 1}}), std::nullopt);
  EXPECT_EQ(c.Add(Vec({{1, 1}, {5, 1}, {6, 1}}), std::nullopt), 1u);  // shares two terms with story 1
}

TEST(OnlineClustererTest, DatesOutsideTheWindowStartANewStory) {
  ClustererOptions options;
  options.window_days = 3;
  OnlineClusterer c(options);
  const TermVector v = Vec({{1, 1}, {2, 1}});
  EXPECT_EQ(c.Add(v, 100), 0u);
  EXPECT_EQ(c.Add(v, 102), 0u);          // within 3 days of the story
  EXPECT_EQ(c.Add(v, 110), 1u);          // 8 days after the story's last member
  EXPECT_EQ(c.Add(v, std::nullopt), 0u);  // undated: the best story, no window
  ClustererOptions no_dates = options;
  no_dates.window_days = 0;
  OnlineClusterer d(no_dates);
  d.Add(v, 100);
  EXPECT_EQ(d.Add(v, 500), 0u);
}

TEST(OnlineClustererTest, DecayLowersSimilarityWithTheGap) {
  ClustererOptions options;
  options.window_days = 30;
  options.decay_days = 2;
  options.threshold = 0.5;
  OnlineClusterer c(options);
  const TermVector v = Vec({{1, 1}, {2, 1}});
  c.Add(v, 0);
  EXPECT_EQ(c.Add(v, 1), 0u);  // exp(-1/2) = 0.61 >= 0.5
  EXPECT_EQ(c.Add(v, 4), 1u);  // 3 days after the story: exp(-3/2) = 0.22 < 0.5
}

TEST(OnlineClustererTest, CentroidsAreTruncated) {
  ClustererOptions options;
  options.centroid_terms = 3;
  OnlineClusterer c(options);
  c.Add(Vec({{1, 4}, {2, 3}, {3, 2}, {4, 1}, {5, 1}}), std::nullopt);
  ASSERT_EQ(c.centroid(0).size(), 3u);
  EXPECT_EQ(c.centroid(0)[2].term, 3u);
}

}  // namespace
}  // namespace reprint::story
