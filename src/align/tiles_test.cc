#include "align/tiles.h"

#include <gtest/gtest.h>

#include <random>

namespace reprint::align {
namespace {

std::vector<uint64_t> Words(std::initializer_list<int> ids) { return std::vector<uint64_t>(ids.begin(), ids.end()); }

// Brute force: is there a run of >= n equal words at (i, j)?
bool RunAt(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b, size_t i, size_t j, size_t n) {
  if (i + n > a.size() || j + n > b.size()) return false;
  for (size_t k = 0; k < n; ++k)
    if (a[i + k] != b[j + k]) return false;
  return true;
}

TEST(FindTiles, IdenticalTextsAreOneTile) {
  const auto a = Words({1, 2, 3, 4, 5, 6, 7});
  const auto tiles = FindTiles(a, a, 3, 16);
  ASSERT_EQ(tiles.size(), 1u);
  EXPECT_EQ(tiles[0].a, 0u);
  EXPECT_EQ(tiles[0].b, 0u);
  EXPECT_EQ(tiles[0].length, 7u);
}

TEST(FindTiles, ReorderedBlocksAreTiledSeparately) {
  const auto a = Words({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  const auto b = Words({6, 7, 8, 9, 10, 99, 1, 2, 3, 4, 5});
  const auto tiles = FindTiles(a, b, 3, 16);
  ASSERT_EQ(tiles.size(), 2u);  // in order of b
  EXPECT_EQ(tiles[0].a, 5u);
  EXPECT_EQ(tiles[0].b, 0u);
  EXPECT_EQ(tiles[0].length, 5u);
  EXPECT_EQ(tiles[1].a, 0u);
  EXPECT_EQ(tiles[1].b, 6u);
  EXPECT_EQ(tiles[1].length, 5u);
}

TEST(FindTiles, RunsShorterThanTheSeedAreIgnored) {
  const auto tiles = FindTiles(Words({1, 2, 3, 4}), Words({1, 2, 9, 3, 4}), 3, 16);
  EXPECT_TRUE(tiles.empty());
}

TEST(FindTiles, TilesNeverShareWordsAndAreRealMatches) {
  std::mt19937_64 rng(7);
  std::vector<uint64_t> a(3000), b;
  for (auto& w : a) w = rng() % 50;  // small vocabulary: many repeats
  for (size_t i = 0; i < a.size(); ++i) {
    if (rng() % 10 == 0) b.push_back(rng() % 50);
    if (rng() % 10 != 0) b.push_back(a[i]);
  }
  const auto tiles = FindTiles(a, b, 4, 1000000);
  std::vector<int> used_a(a.size()), used_b(b.size());
  size_t covered = 0;
  for (const Tile& t : tiles) {
    EXPECT_GE(t.length, 4u);
    EXPECT_TRUE(RunAt(a, b, t.a, t.b, t.length));
    for (uint32_t k = 0; k < t.length; ++k) {
      EXPECT_EQ(used_a[t.a + k]++, 0);
      EXPECT_EQ(used_b[t.b + k]++, 0);
    }
    covered += t.length;
  }
  EXPECT_GT(covered, b.size() / 2);  // most of b is a copy of a
}

}  // namespace
}  // namespace reprint::align
