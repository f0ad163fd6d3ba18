#include "store/chunked_list.h"

#include <gtest/gtest.h>

#include "store/coding.h"
#include "store/test_database.h"

namespace reprint::store {
namespace {

class ChunkedListTest : public DatabaseTest {
 protected:
  ChunkedListTest() : DatabaseTest("reprint-chunked-test") {}
  void Commit(WriteGroup* group) { ASSERT_TRUE(db_->Write(group->batch(), false).ok()); }
  std::vector<uint64_t> Stored(const std::string& key) {
    SnapshotReader reader(*db_);
    std::vector<uint64_t> items;
    EXPECT_TRUE(SeqChunks::Load(&reader, Column::kMeta, key, &items).ok());
    return items;
  }
};

// The point of the layout: an append writes the same few keys however long
// the list already is.
TEST_F(ChunkedListTest, AppendWritesOnlyTheLastChunkAndTheHeader) {
  std::vector<uint64_t> expected;
  for (uint64_t i = 1; i <= 3 * kChunkItems + 7; ++i) {
    WriteGroup group(*db_);
    ASSERT_TRUE(SeqChunks::Append(&group, Column::kMeta, "Mlist", {i * 10}).ok());
    EXPECT_EQ(group.batch()->Count(), 2u) << "append " << i;
    Commit(&group);
    expected.push_back(i * 10);
  }
  EXPECT_EQ(Stored("Mlist"), expected);
}

TEST_F(ChunkedListTest, StoreReplacesAndDeletesAndAppendsSeeTheGroupsOwnWrites) {
  WriteGroup group(*db_);
  std::vector<uint64_t> many(2 * kChunkItems + 3);
  for (size_t i = 0; i < many.size(); ++i) many[i] = i + 1;
  ASSERT_TRUE(SeqChunks::Store(&group, Column::kMeta, "Mx", many).ok());
  ASSERT_TRUE(SeqChunks::Append(&group, Column::kMeta, "Mx", {7, 8}).ok());  // before any commit
  Commit(&group);
  many.push_back(7);
  many.push_back(8);
  EXPECT_EQ(Stored("Mx"), many);
  WriteGroup shrink(*db_);
  ASSERT_TRUE(SeqChunks::Store(&shrink, Column::kMeta, "Mx", {5}).ok());
  Commit(&shrink);
  EXPECT_EQ(Stored("Mx"), std::vector<uint64_t>{5});
  SnapshotReader reader(*db_);
  std::string value;
  bool found = true;
  ASSERT_TRUE(reader.Get(Column::kMeta, ChunkKey("Mx", 1), &value, &found).ok());
  EXPECT_FALSE(found) << "chunks beyond the new end are deleted";
  WriteGroup erase(*db_);
  ASSERT_TRUE(SeqChunks::Store(&erase, Column::kMeta, "Mx", {}).ok());
  Commit(&erase);
  EXPECT_TRUE(Stored("Mx").empty());
}

TEST_F(ChunkedListTest, AMissingChunkIsReportedAsCorruption) {
  WriteGroup group(*db_);
  std::vector<uint64_t> many(kChunkItems + 1, 3);
  ASSERT_TRUE(SeqChunks::Store(&group, Column::kMeta, "My", many).ok());
  group.Delete(Column::kMeta, ChunkKey("My", 1));
  Commit(&group);
  SnapshotReader reader(*db_);
  std::vector<uint64_t> items;
  EXPECT_EQ(SeqChunks::Load(&reader, Column::kMeta, "My", &items).code(), StatusCode::kCorruption);
}

// A damaged header must not make a reader allocate for what it claims.
TEST_F(ChunkedListTest, AHeaderClaimingBillionsOfChunksIsCorruptionNotAnAllocation) {
  WriteGroup group(*db_);
  ASSERT_TRUE(SeqChunks::Store(&group, Column::kMeta, "My", {1, 2, 3}).ok());
  PutChunkedHeader(&group, Column::kMeta, "My", {uint64_t{UINT32_MAX} * kChunkItems, UINT32_MAX});
  std::string beyond_32_bits;
  PutVarint(&beyond_32_bits, uint64_t{1} << 40);
  PutVarint(&beyond_32_bits, (uint64_t{1} << 40) / kChunkItems);
  group.Put(Column::kMeta, "Mz", beyond_32_bits);
  Commit(&group);
  SnapshotReader reader(*db_);
  std::vector<uint64_t> items;
  EXPECT_EQ(SeqChunks::Load(&reader, Column::kMeta, "My", &items).code(), StatusCode::kCorruption);
  EXPECT_EQ(SeqChunks::Load(&reader, Column::kMeta, "Mz", &items).code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace reprint::store
