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
    EXPECT_EQ(SharedKeyPairs(docs, {2, SIZE_MAX, 1000}, threads, accept, &stats), expected) << threads << " threads";
    EXPECT_EQ(stats.capped_postings, 0u);
  }
}

TEST(SharedKeysTest, OverlongPostingBecomesChain) {
  DocumentKeys docs;
  const uint32_t common[] = {42};
  for (int d = 0; d < 100; ++d) docs.Add(common);
  JoinStats stats;
  std::vector<uint64_t> pairs = SharedKeyPairs(docs, {1, SIZE_MAX, 10}, 2, [](uint32_t, uint32_t, uint32_t, uint32_t, uint32_t) { return true; }, &stats);
  EXPECT_EQ(pairs.size(), 99u);
  EXPECT_EQ(pairs.front(), PackPair(0, 1));
  EXPECT_EQ(stats.capped_postings, 1u);
}

// The containment rule of the dedup pipeline: monotone in `shared`.
bool FortyPercent(uint32_t, uint32_t, uint32_t shared, uint32_t keys_a, uint32_t keys_b) {
  const uint32_t smaller = std::min(keys_a, keys_b);
  return smaller > 0 && shared >= std::min(2u, smaller) && shared >= 0.4 * smaller;
}

bool Contains(const std::vector<uint64_t>& pairs, uint32_t a, uint32_t b) {
  return std::binary_search(pairs.begin(), pairs.end(), PackPair(a, b));
}

// Unrelated documents that each reuse sentences of a shared pool, and one
// copy that shares a single rare key with its source besides the pool keys:
// the copy is paired (its common keys count once it is met), and no pair is
// made that the rule would refuse on exact counts.
TEST(SharedKeysTest, CommonKeysCountForPairsMetThroughRareKeys) {
  std::mt19937 rng(11);
  std::vector<std::vector<uint32_t>> keys;
  uint32_t own = 1000000;
  for (int d = 0; d < 400; ++d) {
    std::vector<uint32_t> k;
    for (int i = 0; i < 6; ++i) k.push_back(rng() % 100);  // pool keys: ~24 documents each
    for (int i = 0; i < 3; ++i) k.push_back(own++);
    std::sort(k.begin(), k.end());
    k.erase(std::unique(k.begin(), k.end()), k.end());
    keys.push_back(k);
  }
  std::vector<uint32_t> copy = keys[7];  // keeps one of its three rare keys
  copy.resize(copy.size() - 2);
  copy.push_back(own++);
  copy.push_back(own++);
  keys.push_back(copy);
  DocumentKeys docs;
  for (const auto& k : keys) docs.Add(k);
  JoinStats stats;
  const std::vector<uint64_t> pairs = SharedKeyPairs(docs, {2, 16, 1000}, 2, FortyPercent, &stats);
  EXPECT_TRUE(Contains(pairs, 7, 400));
  const std::vector<uint64_t> exact = SharedKeyPairs(docs, {2, SIZE_MAX, 1000}, 2, FortyPercent, &stats);
  for (uint64_t pair : pairs) EXPECT_TRUE(Contains(exact, PairFirst(pair), PairSecond(pair)));
}

// A story reprinted more often than common_posting: every key of it is
// common, and each reprint has rare keys of its own (its edits), so no
// reprint meets all. The earliest reprints are the hubs that pair them.
TEST(SharedKeysTest, CopiesInALargeClusterPairThroughHubs) {
  std::mt19937 rng(3);
  DocumentKeys docs;
  uint32_t own = 1000000;
  const int reprints = 60;
  for (int d = 0; d < reprints; ++d) {
    std::vector<uint32_t> keys;
    for (uint32_t k = 0; k < 40; ++k)
      if (rng() % 10 < 8) keys.push_back(k);  // keeps about 80 % of the story
    for (int i = 0; i < 3; ++i) keys.push_back(own++);
    docs.Add(keys);
  }
  JoinStats stats;
  const std::vector<uint64_t> pairs = SharedKeyPairs(docs, {2, 16, 1000}, 2, FortyPercent, &stats);
  for (uint32_t d = 1; d < reprints; ++d) EXPECT_TRUE(Contains(pairs, 0, d)) << d;
}

// Two copies of a very long text share more keys than 16 bits count.
TEST(SharedKeysTest, CountsBeyondSixteenBitsOfSharedKeys) {
  std::vector<uint32_t> keys(70000);
  for (uint32_t k = 0; k < keys.size(); ++k) keys[k] = k;
  DocumentKeys docs;
  docs.Add(keys);
  docs.Add(keys);
  JoinStats stats;
  EXPECT_EQ(SharedKeyPairs(docs, {2, 16, 1000}, 1, FortyPercent, &stats), (std::vector<uint64_t>{PackPair(0, 1)}));
}

TEST(SharedKeysTest, CommonKeysGiveTheSamePairsForAnyThreadCount) {
  std::mt19937 rng(5);
  DocumentKeys docs;
  for (int d = 0; d < 3000; ++d) {
    std::vector<uint32_t> keys;
    for (int i = 0; i < 20; ++i) keys.push_back(rng() % (i < 15 ? 2000 : 200000));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    docs.Add(keys);
  }
  JoinStats stats;
  const std::vector<uint64_t> one = SharedKeyPairs(docs, {2, 16, 1000}, 1, FortyPercent, &stats);
  for (unsigned threads : {2u, 5u}) EXPECT_EQ(SharedKeyPairs(docs, {2, 16, 1000}, threads, FortyPercent, &stats), one);
}

}  // namespace
}  // namespace reprint::index
