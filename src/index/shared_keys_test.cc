#include "index/shared_keys.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace reprint::index {
namespace {

// Brute force: count shared keys of every pair.
std::vector<uint64_t> BruteForce(const std::vector<std::vector<uint32_t>>& keys, uint32_t min_shared) {
  std::vector<uint64_t> out;
  for (uint32_t a = 0; a < keys.size(); ++a)
    for (uint32_t b = a + 1; b < keys.size(); ++b) {
      uint32_t shared = 0;
      for (uint32_t k : keys[a]) shared += std::count(keys[b].begin(), keys[b].end(), k) > 0;
      if (shared >= min_shared) out.push_back(PackPair(a, b));
    }
  return out;
}

TEST(SharedKeysTest, MatchesBruteForceForAnyThreadCount) {
  std::mt19937 rng(5);
  std::vector<std::vector<uint32_t>> keys(300);
  DocumentKeys docs;
  for (auto& k : keys) {
    for (int i = 0; i < 12; ++i) k.push_back(rng() % 400);
    std::sort(k.begin(), k.end());
    k.erase(std::unique(k.begin(), k.end()), k.end());
    docs.Add(k);
  }
  const auto accept = [](uint32_t, uint32_t, uint32_t shared, uint32_t, uint32_t) { return shared >= 2; };
  const std::vector<uint64_t> expected = BruteForce(keys, 2);
  for (unsigned threads : {1u, 2u, 7u}) {
    JoinStats stats;
    EXPECT_EQ(SharedKeyPairs(docs, 2, 1000, threads, accept, &stats), expected) << threads << " threads";
    EXPECT_EQ(stats.capped_postings, 0u);
  }
}

TEST(SharedKeysTest, OverlongPostingBecomesChain) {
  DocumentKeys docs;
  const uint32_t common[] = {42};
  for (int d = 0; d < 100; ++d) docs.Add(common);
  JoinStats stats;
  std::vector<uint64_t> pairs = SharedKeyPairs(docs, 1, 10, 2, [](uint32_t, uint32_t, uint32_t, uint32_t, uint32_t) { return true; }, &stats);
  EXPECT_EQ(pairs.size(), 99u);
  EXPECT_EQ(pairs.front(), PackPair(0, 1));
  EXPECT_EQ(stats.capped_postings, 1u);
}

TEST(SharedKeysTest, ParallelSortMatchesSequential) {
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
