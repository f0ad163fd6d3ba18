// The RocksDB database behind the copy index: three column families with the
// options each needs, and the two ways stages read it: a consistent snapshot
// (queries) and a write group (the writer's uncommitted changes overlaid on
// the database, so each document of a group sees the ones before it).
//
// Column families and key prefixes:
//   meta:     S state | i<id> seq | d<seq> DocRecord | e<seq> EdgeList |
//             c<cluster> ClusterRecord | s<story> StoryRecord |
//             m<story><seq> story member | t<day><seq> retention order |
//             q<exact hash> seqs with that text
//   postings: <family><key> posting list (merge operator; whole-key Bloom filter,
//             since most lookups of a new document miss)
//   blobs:    <seq>h shingle set | <seq>x clean text | <seq>f story features |
//             <seq>k document keys (BlobKey; read by whole key only: hashed
//             memtable)
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reprint/status.h"
#include "store/hot_postings.h"

namespace reprint::store {

enum class Column { kMeta = 0, kPostings = 1, kBlobs = 2 };

std::string SeqKey(char prefix, uint64_t seq);
// What the blobs column holds of each document, one key per kind.
enum class BlobKind : char { kShingles = 'h', kText = 'x', kStoryFeatures = 'f', kKeys = 'k' };
inline constexpr BlobKind kBlobKinds[] = {BlobKind::kShingles, BlobKind::kText, BlobKind::kStoryFeatures,
                                          BlobKind::kKeys};
// The seq comes first so that each flush writes a key range after every
// stored one: compactions of the blobs then move files instead of rewriting
// the texts beneath them, which with kind-first keys cost most of the
// compaction CPU at 1 M documents (bench/RESULTS.md).
std::string BlobKey(uint64_t seq, BlobKind kind);

struct DatabaseOptions {
  size_t cache_bytes = size_t{512} << 20;
  size_t write_buffer_bytes = size_t{128} << 20;
  bool create_if_missing = true;
};

class Database {
 public:
  static Result<std::unique_ptr<Database>> Open(const std::string& dir, const DatabaseOptions& options);
  ~Database();

  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* handle(Column c) const { return handles_[static_cast<int>(c)]; }
  // Commits a batch; with sync the log is fsync'ed first.
  Status Write(rocksdb::WriteBatch* batch, bool sync);
  // Compacts every column down to its last level (postings and meta
  // rewritten whole): after a bulk load or a burst of writes, so that lookups
  // meet one sorted run and the merge operands of each posting are folded
  // into one value, instead of RocksDB doing it later under load.
  Status CompactAll();
  uint64_t DiskBytes() const;
  uint64_t CacheBytesUsed() const;
  uint64_t MemtableBytes() const;

 private:
  Database() = default;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::shared_ptr<rocksdb::Cache> cache_;
};

Status FromRocks(const rocksdb::Status& s, std::string_view what);

// Read access as the index stages need it.
class StoreReader {
 public:
  virtual ~StoreReader() = default;
  // Sets *found; *value holds the value when found.
  virtual Status Get(Column column, std::string_view key, std::string* value, bool* found) = 0;
  // One lookup per key; absent keys give nullopt.
  virtual Status MultiGet(Column column, const std::vector<std::string>& keys,
                          std::vector<std::optional<std::string>>* values) = 0;
};

// Reads committed data as of its creation.
class SnapshotReader : public StoreReader {
 public:
  explicit SnapshotReader(const Database& database);
  ~SnapshotReader() override;
  Status Get(Column column, std::string_view key, std::string* value, bool* found) override;
  Status MultiGet(Column column, const std::vector<std::string>& keys,
                  std::vector<std::optional<std::string>>* values) override;
  // An iterator over the whole column in key order, as of the snapshot.
  // Total order even where a column has a prefix extractor: a default
  // iterator there works by prefix, and its SeekToFirst skipped every entry
  // still in a hashed memtable.
  std::unique_ptr<rocksdb::Iterator> Scan(Column column) const;

 private:
  const Database& database_;
  const rocksdb::Snapshot* snapshot_;
  rocksdb::ReadOptions read_options_;
};

// The writer's pending changes: a WriteBatch plus an overlay that reads
// see before the database.
//
// A group may be built on top of another whose batch another thread is
// still writing (the writer's pipelined commit): reads then see this group,
// then the base group, then the database as it was before the base group
// (a snapshot), so that the base's changes count once whether or not its
// write has landed yet. The base must outlive this group and stay unchanged.
class WriteGroup : public StoreReader {
 public:
  // `hot`: the writer's cache of long postings, read first and kept current
  // by Merge(); may be null. `base` and `before_base`: both or neither.
  explicit WriteGroup(const Database& database, HotPostings* hot = nullptr, const WriteGroup* base = nullptr,
                      const rocksdb::Snapshot* before_base = nullptr);
  Status Get(Column column, std::string_view key, std::string* value, bool* found) override;
  Status MultiGet(Column column, const std::vector<std::string>& keys,
                  std::vector<std::optional<std::string>>* values) override;
  void Put(Column column, std::string_view key, std::string_view value);
  void Delete(Column column, std::string_view key);
  // Postings only.
  void Merge(std::string_view key, std::string_view operand);

  rocksdb::WriteBatch* batch() { return &batch_; }
  bool empty() const { return batch_.Count() == 0; }
  void Clear();

 private:
  static std::string OverlayKey(Column column, std::string_view key);
  bool Touches(const std::string& overlay) const { return written_.count(overlay) || merges_.count(overlay); }
  // A value this group or its base wrote (nullopt inside: deleted); null if neither did.
  const std::optional<std::string>* Written(const std::string& overlay) const;
  // Applies the base's, then this group's, merge operands of the key.
  void ApplyMerges(const std::string& overlay, std::optional<std::string>* value) const;
  Status ReadThrough(Column column, std::string_view key, std::optional<std::string>* value);

  const Database& database_;
  HotPostings* hot_;
  const WriteGroup* base_;
  rocksdb::ReadOptions read_options_;
  rocksdb::WriteBatch batch_;
  std::unordered_map<std::string, std::optional<std::string>> written_;  // nullopt: deleted
  std::unordered_map<std::string, std::vector<std::string>> merges_;      // pending operands per posting
};

}  // namespace reprint::store
