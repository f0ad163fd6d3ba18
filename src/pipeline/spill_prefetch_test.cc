#include "pipeline/spill_prefetch.h"

#include <gtest/gtest.h>

namespace reprint::pipeline {
namespace {

std::unique_ptr<ShingleSpill> SpillOf(size_t documents) {
  Result<std::unique_ptr<ShingleSpill>> spill = ShingleSpill::Create("");
  EXPECT_TRUE(spill.ok()) << spill.status().ToString();
  for (uint32_t d = 0; d < documents; ++d) {
    CompactShingles set(d % 7, d);  // some empty, all different
    EXPECT_TRUE(spill.value()->Append(set).ok());
  }
  return std::move(spill.value());
}

// More documents than the prefetcher's blocks and queue hold, with recycled
// buffers of other sizes handed back in between.
TEST(SpillPrefetcherTest, GivesTheRequestedSetsInOrderOnEitherThread) {
  std::unique_ptr<ShingleSpill> spill = SpillOf(5000);
  std::vector<uint32_t> wanted;
  for (uint32_t d = 3; d < 5000; d += 2) wanted.push_back(d);
  for (unsigned readers : {0u, 1u, 3u}) {
    SpillPrefetcher sets(spill.get(), wanted, readers);
    CompactShingles set;
    for (uint32_t d : wanted) {
      ASSERT_TRUE(sets.Next(&set)) << d;
      EXPECT_EQ(set, CompactShingles(d % 7, d)) << d;
      sets.Recycle(std::move(set));
      set = CompactShingles(3, 99);
    }
    EXPECT_FALSE(sets.Next(&set));
    EXPECT_TRUE(sets.status().ok());
  }
}

TEST(SpillPrefetcherTest, StopsAtAMissingDocumentWithItsError) {
  std::unique_ptr<ShingleSpill> spill = SpillOf(10);
  const std::vector<uint32_t> wanted = {1, 2, 40};
  for (unsigned readers : {0u, 1u, 3u}) {
    SpillPrefetcher sets(spill.get(), wanted, readers);
    CompactShingles set;
    size_t given = 0;
    while (sets.Next(&set)) ++given;
    EXPECT_LT(given, wanted.size());
    EXPECT_FALSE(sets.status().ok());
    EXPECT_NE(sets.status().ToString().find("no document 40"), std::string::npos) << sets.status().ToString();
  }
}

// Destroying a prefetcher whose reader is blocked on a full queue must not hang.
TEST(SpillPrefetcherTest, CanBeAbandonedHalfway) {
  std::unique_ptr<ShingleSpill> spill = SpillOf(20000);
  std::vector<uint32_t> wanted(20000);
  for (uint32_t d = 0; d < wanted.size(); ++d) wanted[d] = d;
  SpillPrefetcher sets(spill.get(), wanted, 2);
  CompactShingles set;
  ASSERT_TRUE(sets.Next(&set));
}

}  // namespace
}  // namespace reprint::pipeline
