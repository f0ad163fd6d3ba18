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

namespace reprint::pipeline {
namespace {

// Sets far apart are read separately, nearby ones together; either way each
// comes back whole, and a missing document is an error.
TEST(ShingleSpillTest, ReadSetsReadsRunsAndSingles) {
  Result<std::unique_ptr<ShingleSpill>> spill = ShingleSpill::Create("");
  ASSERT_TRUE(spill.ok());
  std::vector<CompactShingles> sets;
  for (uint32_t d = 0; d < 8; ++d) sets.push_back(CompactShingles(d % 2 ? 30000 : 3, d));  // 120 KB or 12 bytes
  for (const auto& s : sets) ASSERT_TRUE(spill.value()->Append(s).ok());
  ASSERT_TRUE(spill.value()->FinishWriting().ok());
  const std::vector<uint32_t> docs = {0, 2, 3, 6, 7};
  std::vector<CompactShingles> got(docs.size());
  std::string buffer;
  ASSERT_TRUE(spill.value()->ReadSets(docs, got.data(), &buffer).ok());
  for (size_t i = 0; i < docs.size(); ++i) EXPECT_EQ(got[i], sets[docs[i]]) << docs[i];
  const std::vector<uint32_t> missing = {1, 8};
  EXPECT_FALSE(spill.value()->ReadSets(missing, got.data(), &buffer).ok());
}

}  // namespace
}  // namespace reprint::pipeline

namespace reprint::pipeline {
namespace {

// Many chunks' worth, written by the background writer, then more appended
// after reading: all of it reads back.
TEST(ShingleSpillTest, BackgroundWritesReadBackWhole) {
  Result<std::unique_ptr<ShingleSpill>> spill = ShingleSpill::Create("", true);
  ASSERT_TRUE(spill.ok());
  const auto set_of = [](uint32_t d) { return CompactShingles(d % 500, d * 7); };
  for (uint32_t d = 0; d < 3000; ++d) ASSERT_TRUE(spill.value()->Append(set_of(d)).ok());  // ~3 MB
  CompactShingles got;
  for (uint32_t d : {2999u, 0u, 1234u}) {
    ASSERT_TRUE(spill.value()->Read(d, &got).ok());
    EXPECT_EQ(got, set_of(d)) << d;
  }
  for (uint32_t d = 3000; d < 3100; ++d) ASSERT_TRUE(spill.value()->Append(set_of(d)).ok());
  ASSERT_TRUE(spill.value()->FinishWriting().ok());
  std::vector<uint32_t> all(3100);
  for (uint32_t d = 0; d < all.size(); ++d) all[d] = d;
  std::vector<CompactShingles> sets(all.size());
  std::string buffer;
  ASSERT_TRUE(spill.value()->ReadSets(all, sets.data(), &buffer).ok());
  for (uint32_t d = 0; d < all.size(); ++d) ASSERT_EQ(sets[d], set_of(d)) << d;
}

}  // namespace
}  // namespace reprint::pipeline
