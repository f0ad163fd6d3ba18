// The postings column's memtable (HashedMemTable) through RocksDB: point
// lookups and merges from its buckets, total-order scans from its sorted
// copy, and the same answers once flushed.
#include "store/hashed_memtable.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "store/database.h"
#include "store/postings.h"
#include "store/test_database.h"

namespace reprint::store {
namespace {

class HashedMemTableTest : public DatabaseTest {
 protected:
  HashedMemTableTest() : DatabaseTest("reprint-hashed-memtable-test", DatabaseOptions{8 << 20, 64 << 20, true}) {}
  // Every posting as stored, by a scan and by lookups of each expected key.
  void ExpectStored(const std::map<std::string, std::vector<uint64_t>>& expected) {
    SnapshotReader reader(*db_);
    std::unique_ptr<rocksdb::Iterator> it = reader.Scan(Column::kPostings);
    auto want = expected.begin();
    for (it->SeekToFirst(); it->Valid(); it->Next(), ++want) {
      ASSERT_NE(want, expected.end()) << "a key nobody wrote";
      EXPECT_EQ(it->key().ToString(), want->first);
      EXPECT_EQ(Seqs(it->value().ToString()), want->second);
    }
    EXPECT_EQ(want, expected.end()) << "the scan missed keys";
    std::vector<std::string> keys;
    for (const auto& [key, seqs] : expected) keys.push_back(key);
    keys.push_back(PostingKey(KeyFamily::kAnchor, 0xFFFFFFFF));  // never written
    std::vector<std::optional<std::string>> values;
    ASSERT_TRUE(reader.MultiGet(Column::kPostings, keys, &values).ok());
    for (size_t i = 0; i + 1 < keys.size(); ++i) {
      ASSERT_TRUE(values[i].has_value()) << i;
      EXPECT_EQ(Seqs(*values[i]), expected.at(keys[i]));
    }
    EXPECT_FALSE(values.back().has_value());
  }
  static std::vector<uint64_t> Seqs(const std::string& posting) {
    std::vector<uint64_t> seqs;
    for (size_t i = 0; i < PostingLength(posting); ++i) seqs.push_back(PostingAt(posting, i).seq);
    return seqs;
  }
};

TEST_F(HashedMemTableTest, LookupsScansAndFlushesAgree) {
  std::mt19937 rng(7);
  std::map<std::string, std::vector<uint64_t>> expected;
  for (uint64_t seq = 1; seq <= 3000; ++seq) {
    WriteGroup group(*db_);
    // A few keys per document, from a small space so that lists grow, in
    // several families (the prefix the buckets hash).
    for (int k = 0; k < 3; ++k) {
      const std::string key = PostingKey(static_cast<KeyFamily>("bal"[k]), rng() % 500);
      if (!expected[key].empty() && expected[key].back() == seq) continue;
      group.Merge(key, AddOperand({seq, 0}));
      expected[key].push_back(seq);
    }
    if (seq % 7 == 0) {  // and some removals
      const std::string key = expected.begin()->first;
      auto& seqs = expected[key];
      if (!seqs.empty()) {
        group.Merge(key, RemoveOperand(seqs.front()));
        seqs.erase(seqs.begin());
      }
    }
    ASSERT_TRUE(db_->Write(group.batch(), false).ok());
  }
  ExpectStored(expected);
  rocksdb::FlushOptions flush;
  ASSERT_TRUE(db_->db()->Flush(flush, db_->handle(Column::kPostings)).ok());
  ExpectStored(expected);
}

}  // namespace
}  // namespace reprint::store
