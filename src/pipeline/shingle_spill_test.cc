#include "pipeline/shingle_spill.h"

#include <gtest/gtest.h>

namespace reprint::pipeline {
namespace {

TEST(ShingleSpillTest, ReadsAnyDocumentInAnyOrder) {
  Result<std::unique_ptr<ShingleSpill>> spill = ShingleSpill::Create("");
  ASSERT_TRUE(spill.ok()) << spill.status().ToString();
  const std::vector<CompactShingles> sets = {{1, 2, 3}, {}, {7}, {4, 5}};
  for (const auto& s : sets) ASSERT_TRUE(spill.value()->Append(s).ok());
  EXPECT_EQ(spill.value()->documents(), 4u);
  CompactShingles got;
  for (uint64_t doc : {0, 3, 1, 2, 2, 0, 3}) {  // forward, with gaps, and back
    ASSERT_TRUE(spill.value()->Read(doc, &got).ok());
    EXPECT_EQ(got, sets[doc]) << doc;
  }
  // Appending after reading continues the file; everything stays readable.
  ASSERT_TRUE(spill.value()->Append({9, 10}).ok());
  ASSERT_TRUE(spill.value()->Read(4, &got).ok());
  EXPECT_EQ(got, (CompactShingles{9, 10}));
  ASSERT_TRUE(spill.value()->Read(1, &got).ok());
  EXPECT_TRUE(got.empty());
}

TEST(ShingleSpillTest, ReadingPastTheEndIsAnError) {
  Result<std::unique_ptr<ShingleSpill>> spill = ShingleSpill::Create("");
  ASSERT_TRUE(spill.ok());
  ASSERT_TRUE(spill.value()->Append({1}).ok());
  CompactShingles got;
  EXPECT_TRUE(spill.value()->Read(0, &got).ok());
  EXPECT_FALSE(spill.value()->Read(1, &got).ok());
}

TEST(ShingleSpillTest, MissingDirectoryIsAnIoError) {
  Result<std::unique_ptr<ShingleSpill>> spill = ShingleSpill::Create("/nonexistent/reprint-dir");
  ASSERT_FALSE(spill.ok());
  EXPECT_EQ(spill.status().code(), StatusCode::kIoError);
  EXPECT_NE(spill.status().message().find("/nonexistent/reprint-dir"), std::string::npos);
}

}  // namespace
}  // namespace reprint::pipeline
