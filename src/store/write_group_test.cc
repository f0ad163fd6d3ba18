// WriteGroup built on a base group (the writer's pipelined commit): reads see
// the group, then the base, then the database as it was before the base, so
// the base's changes count exactly once whether or not its write has landed.
// And SnapshotReader::Scan, which sees what is still in a memtable.
#include <gtest/gtest.h>

#include <optional>

#include "store/database.h"
#include "store/postings.h"
#include "store/test_database.h"

namespace reprint::store {
namespace {

class WriteGroupTest : public DatabaseTest {
 protected:
  WriteGroupTest() : DatabaseTest("reprint-write-group-test") {}
  void SetUp() override {
    DatabaseTest::SetUp();
    // Committed before the base: one posting entry and one record.
    WriteGroup committed(*db_);
    committed.Merge(kPosting, AddOperand({1, 0}));
    committed.Put(Column::kMeta, "r", "old");
    ASSERT_TRUE(db_->Write(committed.batch(), false).ok());
  }
  // The posting's entries as `group` reads them, through Get and MultiGet.
  static std::vector<uint64_t> Entries(WriteGroup* group) {
    std::vector<uint64_t> seqs;
    std::string posting;
    bool found = false;
    EXPECT_TRUE(group->Get(Column::kPostings, kPosting, &posting, &found).ok());
    std::vector<std::optional<std::string>> many;
    EXPECT_TRUE(group->MultiGet(Column::kPostings, {kPosting, "absent"}, &many).ok());
    EXPECT_EQ(many[0].value_or(""), posting);
    EXPECT_FALSE(many[1].has_value());
    for (size_t i = 0; i < PostingLength(posting); ++i) seqs.push_back(PostingAt(posting, i).seq);
    return seqs;
  }
  static std::string Record(WriteGroup* group) {
    std::string value;
    bool found = false;
    EXPECT_TRUE(group->Get(Column::kMeta, "r", &value, &found).ok());
    return found ? value : "(none)";
  }

  static inline const std::string kPosting = PostingKey(KeyFamily::kBand, 7);
};

TEST_F(WriteGroupTest, ReadsSeeTheBaseOnceWhetherOrNotItsWriteHasLanded) {
  WriteGroup base(*db_);
  base.Merge(kPosting, AddOperand({2, 0}));
  base.Put(Column::kMeta, "r", "base");
  const rocksdb::Snapshot* before_base = db_->db()->GetSnapshot();

  WriteGroup next(*db_, nullptr, &base, before_base);
  next.Merge(kPosting, AddOperand({3, 0}));
  EXPECT_EQ(Entries(&next), (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_EQ(Record(&next), "base");

  // The base's write lands while `next` is still being built.
  ASSERT_TRUE(db_->Write(base.batch(), false).ok());
  EXPECT_EQ(Entries(&next), (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_EQ(Record(&next), "base");
  next.Put(Column::kMeta, "r", "next");
  EXPECT_EQ(Record(&next), "next");

  db_->db()->ReleaseSnapshot(before_base);
}

TEST_F(WriteGroupTest, ADeletionInTheBaseHidesTheCommittedValue) {
  WriteGroup base(*db_);
  base.Delete(Column::kMeta, "r");
  base.Merge(kPosting, RemoveOperand(1));
  const rocksdb::Snapshot* before_base = db_->db()->GetSnapshot();
  ASSERT_TRUE(db_->Write(base.batch(), false).ok());

  WriteGroup next(*db_, nullptr, &base, before_base);
  EXPECT_EQ(Record(&next), "(none)");
  EXPECT_EQ(Entries(&next), std::vector<uint64_t>{});
  db_->db()->ReleaseSnapshot(before_base);
}

// The consistency check scans the postings: it must see those still in the
// hashed memtable (a default iterator on a column with a prefix extractor
// saw none of them).
TEST_F(WriteGroupTest, ScansSeeEntriesStillInTheMemtable) {
  SnapshotReader reader(*db_);
  std::unique_ptr<rocksdb::Iterator> it = reader.Scan(Column::kPostings);
  std::vector<std::string> keys;
  for (it->SeekToFirst(); it->Valid(); it->Next()) keys.push_back(it->key().ToString());
  ASSERT_TRUE(it->status().ok());
  EXPECT_EQ(keys, std::vector<std::string>{kPosting});
}

}  // namespace
}  // namespace reprint::store
