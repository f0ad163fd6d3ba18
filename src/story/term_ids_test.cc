#include "story/term_ids.h"

#include <gtest/gtest.h>

namespace reprint::story {
namespace {

TEST(TermIds, DenseIdsInOrderOfFirstAppearanceAcrossGrowth) {
  TermIds ids;
  bool inserted = false;
  const uint32_t n = 100000;  // grows the table several times
  for (uint32_t i = 0; i < n; ++i) {
    EXPECT_EQ(ids.Find(uint64_t{i} * 0x10000 + 7, &inserted), i);  // low bits alike: probing must cope
    EXPECT_TRUE(inserted);
  }
  EXPECT_EQ(ids.size(), n);
  for (uint32_t i = 0; i < n; i += 997) {
    EXPECT_EQ(ids.Find(uint64_t{i} * 0x10000 + 7, &inserted), i);
    EXPECT_FALSE(inserted);
  }
  EXPECT_EQ(ids.Find(0, &inserted), n);  // hash 0 is an ordinary key
  EXPECT_TRUE(inserted);
  EXPECT_EQ(ids.Find(0, &inserted), n);
  EXPECT_FALSE(inserted);
}

}  // namespace
}  // namespace reprint::story
