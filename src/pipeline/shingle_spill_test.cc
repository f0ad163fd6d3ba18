#include "pipeline/shingle_spill.h"

#include <gtest/gtest.h>

namespace reprint::pipeline {
namespace {

TEST(ShingleSpillTest, ReadsBackInOrderSkippingUnwanted) {
  Result<std::unique_ptr<ShingleSpill>> spill = ShingleSpill::Create("");
  ASSERT_TRUE(spill.ok()) << spill.status().ToString();
  const std::vector<CompactShingles> sets = {{1, 2, 3}, {}, {7}, {4, 5}};
  for (const auto& s : sets) ASSERT_TRUE(spill.value()->Append(s).ok());
  EXPECT_EQ(spill.value()->documents(), 4u);
  for (int round = 0; round < 2; ++round) {  // windows read the file repeatedly
    ASSERT_TRUE(spill.value()->Rewind().ok());
    CompactShingles got;
    ASSERT_TRUE(spill.value()->Next(true, &got).ok());
    EXPECT_EQ(got, sets[0]);
    ASSERT_TRUE(spill.value()->Next(false, &got).ok());
    ASSERT_TRUE(spill.value()->Next(false, &got).ok());
    ASSERT_TRUE(spill.value()->Next(true, &got).ok());
    EXPECT_EQ(got, sets[3]);
  }
}

TEST(ShingleSpillTest, ReadingPastTheEndIsAnError) {
  Result<std::unique_ptr<ShingleSpill>> spill = ShingleSpill::Create("");
  ASSERT_TRUE(spill.ok());
  ASSERT_TRUE(spill.value()->Append({1}).ok());
  ASSERT_TRUE(spill.value()->Rewind().ok());
  CompactShingles got;
  EXPECT_TRUE(spill.value()->Next(true, &got).ok());
  EXPECT_FALSE(spill.value()->Next(true, &got).ok());
}

TEST(ShingleSpillTest, MissingDirectoryIsAnIoError) {
  Result<std::unique_ptr<ShingleSpill>> spill = ShingleSpill::Create("/nonexistent/reprint-dir");
  ASSERT_FALSE(spill.ok());
  EXPECT_EQ(spill.status().code(), StatusCode::kIoError);
  EXPECT_NE(spill.status().message().find("/nonexistent/reprint-dir"), std::string::npos);
}

}  // namespace
}  // namespace reprint::pipeline
