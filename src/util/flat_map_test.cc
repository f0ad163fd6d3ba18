#include "util/flat_map.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace reprint {
namespace {

using Tally = FlatMap<uint32_t, uint32_t, UINT32_MAX>;

TEST(FlatMap, CountsKeysAndListsThemInInsertionOrderAcrossGrowth) {
  Tally tally(16);
  std::vector<uint32_t> keys;
  for (uint32_t k = 0; k < 5000; ++k) keys.push_back(k * 7919 % 100003);  // distinct, scattered
  for (int round = 0; round < 3; ++round)
    for (uint32_t k : keys) ++tally[k];
  EXPECT_EQ(tally.size(), keys.size());
  size_t i = 0;
  tally.ForEach([&](uint32_t key, uint32_t count) {
    EXPECT_EQ(key, keys[i++]);
    EXPECT_EQ(count, 3u);
  });
  EXPECT_EQ(i, keys.size());
}

TEST(FlatMap, ClearForgetsEverythingAndKeyZeroIsAKey) {
  Tally tally(16);
  for (uint32_t k = 0; k < 1000; ++k) ++tally[k];
  tally.Clear();  // shrinks back after a large round
  EXPECT_EQ(tally.size(), 0u);
  ++tally[0];
  ++tally[0];
  std::vector<std::pair<uint32_t, uint32_t>> seen;
  tally.ForEach([&](uint32_t key, uint32_t count) { seen.emplace_back(key, count); });
  EXPECT_EQ(seen, (std::vector<std::pair<uint32_t, uint32_t>>{{0, 2}}));
}

}  // namespace
}  // namespace reprint
