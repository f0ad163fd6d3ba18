#include "index/bucket_join.h"

#include <gtest/gtest.h>

#include <random>

namespace reprint::index {
namespace {

TEST(BucketJoinTest, EmitsAllPairsPerSharedKey) {
  std::vector<uint64_t> entries = {PackEntry(7, 3), PackEntry(7, 1), PackEntry(9, 1), PackEntry(9, 3),
                                   PackEntry(9, 2), PackEntry(5, 4)};
  std::vector<uint64_t> pairs;
  JoinStats stats;
  JoinBuckets(&entries, 100, 1, &pairs, &stats);
  std::vector<uint32_t> counts;
  CountPairs(&pairs, 1, &counts);
  EXPECT_EQ(pairs, (std::vector<uint64_t>{PackPair(1, 2), PackPair(1, 3), PackPair(2, 3)}));
  EXPECT_EQ(counts, (std::vector<uint32_t>{1, 2, 1}));
  EXPECT_EQ(stats.buckets, 2u);
}

TEST(BucketJoinTest, HugeBucketBecomesChain) {
  std::vector<uint64_t> entries;
  for (uint32_t d = 0; d < 1000; ++d) entries.push_back(PackEntry(1, d));
  std::vector<uint64_t> pairs;
  JoinStats stats;
  JoinBuckets(&entries, 10, 1, &pairs, &stats);
  EXPECT_EQ(pairs.size(), 999u);
  EXPECT_EQ(stats.capped_buckets, 1u);
}

TEST(BucketJoinTest, ParallelSortMatchesSequential) {
  std::mt19937_64 rng(3);
  std::vector<uint64_t> a(200000);
  for (auto& x : a) x = rng() % 5000;
  std::vector<uint64_t> b = a;
  ParallelSort(&a, 1);
  ParallelSort(&b, 3);
  EXPECT_EQ(a, b);
  EXPECT_TRUE(std::is_sorted(b.begin(), b.end()));
}

}  // namespace
}  // namespace reprint::index
