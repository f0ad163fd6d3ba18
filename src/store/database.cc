#include "store/database.h"

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/memtablerep.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_buffer_manager.h>

#include "store/coding.h"
#include "store/hashed_memtable.h"
#include "store/postings.h"

namespace reprint::store {
namespace {

constexpr size_t kPostingKeyBytes = 5;  // family + 32-bit key (PostingKey)
constexpr size_t kBlobKeyBytes = 9;     // seq + kind (BlobKey)

const char* const kColumnNames[] = {rocksdb::kDefaultColumnFamilyName.c_str(), "postings", "blobs"};

rocksdb::ColumnFamilyOptions ColumnOptions(Column column, const std::shared_ptr<rocksdb::Cache>& cache,
                                           size_t write_buffer_bytes) {
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  // Index and filter blocks live in the cache too, so the cache bounds them.
  table.cache_index_and_filter_blocks = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.format_version = 5;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  cf.write_buffer_size = std::max<size_t>(write_buffer_bytes / 4, size_t{4} << 20);
  cf.max_write_buffer_number = 3;
  cf.level_compaction_dynamic_level_bytes = true;
  cf.compression = rocksdb::kLZ4Compression;
  // Lookups that miss (most of a new document's keys, ids never seen) are
  // answered by a memtable Bloom filter instead of a skiplist search.
  cf.memtable_prefix_bloom_size_ratio = 0.05;
  cf.memtable_whole_key_filtering = true;
  if (column == Column::kPostings) {
    cf.merge_operator = NewPostingMergeOperator();
    // Postings are read by whole key (only the consistency check scans
    // them): a hashed memtable makes each of a document's ~40 key updates
    // O(1) instead of a skiplist insert (which dominated ingest, measured
    // with callgrind), and ours sorts once at flush (hashed_memtable.h).
    cf.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(kPostingKeyBytes));
    // The bucket array is allocated with each memtable: sized to stay a
    // small part of it (a memtable must not start out full).
    cf.memtable_factory = NewHashedMemTableFactory(std::max<size_t>(cf.write_buffer_size / 256, 4096));
  }
  if (column == Column::kBlobs) {
    // LZ4, not ZSTD: with 1 M documents indexed, flushes and compactions
    // cost almost as much CPU per ingested document as the writer itself
    // (bench/RESULTS.md), and most of their bytes are these blobs.
    cf.compression = rocksdb::kLZ4Compression;
    // Read by whole key only, like postings.
    cf.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(kBlobKeyBytes));
    cf.memtable_factory.reset(rocksdb::NewHashSkipListRepFactory(std::max<size_t>(cf.write_buffer_size / 4096, 1024)));
  }
  return cf;
}

uint64_t SumProperty(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& handles, const char* name) {
  uint64_t total = 0;
  for (auto* h : handles) {
    uint64_t v = 0;
    if (db->GetIntProperty(h, name, &v)) total += v;
  }
  return total;
}

}  // namespace

std::string BlobKey(uint64_t seq, BlobKind kind) {
  std::string key;
  PutBigEndian64(&key, seq);
  key.push_back(static_cast<char>(kind));
  return key;
}

std::string SeqKey(char prefix, uint64_t seq) {
  std::string key(1, prefix);
  PutBigEndian64(&key, seq);
  return key;
}

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  std::string message = std::string(what) + ": " + s.ToString();
  if (s.IsCorruption()) return Status::Corruption(message);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(message);
  if (s.IsBusy() || s.IsTryAgain()) return Status::Busy(message);
  return Status::IoError(message);
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& dir, const DatabaseOptions& options) {
  std::unique_ptr<Database> database(new Database());
  // Lock-free lookups: with the LRU cache, its shard mutexes and hash chains
  // were an eighth of the CPU of concurrent queries at 1 M documents (perf).
  // Entries are mostly data blocks (block_size, 4 KB by default); erring low
  // is the safe side (rocksdb/cache.h).
  constexpr size_t kEstimatedEntryBytes = 4096;
  database->cache_ = rocksdb::HyperClockCacheOptions(options.cache_bytes + options.write_buffer_bytes,
                                                     kEstimatedEntryBytes)
                         .MakeSharedCache();
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.bytes_per_sync = size_t{1} << 20;
  // No WAL compression: it cost a sixth of the writer's instructions
  // (callgrind), and the writer thread, not the disk, limits ingest.
  db_options.allow_concurrent_memtable_write = false;  // required by the hashed postings memtable
  // Memtables are charged to the block cache: one bound for both.
  db_options.write_buffer_manager =
      std::make_shared<rocksdb::WriteBufferManager>(options.write_buffer_bytes, database->cache_);
  std::vector<rocksdb::ColumnFamilyDescriptor> columns;
  for (int c = 0; c < 3; ++c)
    columns.emplace_back(kColumnNames[c], ColumnOptions(static_cast<Column>(c), database->cache_,
                                                        options.write_buffer_bytes));
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, dir, columns, &database->handles_, &db);
  if (!s.ok()) return FromRocks(s, "cannot open index " + dir);
  database->db_.reset(db);
  return database;
}

Database::~Database() {
  if (!db_) return;
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  db_->Close();
}

Status Database::Write(rocksdb::WriteBatch* batch, bool sync) {
  rocksdb::WriteOptions write;
  write.sync = sync;
  return FromRocks(db_->Write(write, batch), "index write");
}

Status Database::CompactAll() {
  for (size_t c = 0; c < handles_.size(); ++c) {
    rocksdb::CompactRangeOptions options;
    // The service compacts while it serves (reprint serve --compact-idle):
    // writes that resume meanwhile still get their level-0 files compacted.
    options.exclusive_manual_compaction = false;
    // The blobs' last level is most of the store and already in order (blob
    // keys begin with the seq): only what lies above it is merged down.
    // The other columns are small and point-read: rewritten whole.
    if (static_cast<Column>(c) != Column::kBlobs)
      options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
    rocksdb::Status s = db_->CompactRange(options, handles_[c], nullptr, nullptr);
    if (!s.ok()) return FromRocks(s, std::string("compacting column ") + kColumnNames[c]);
  }
  return Status::Ok();
}

uint64_t Database::DiskBytes() const {
  return SumProperty(db_.get(), handles_, "rocksdb.total-sst-files-size") +
         SumProperty(db_.get(), handles_, "rocksdb.size-all-mem-tables");
}
uint64_t Database::CacheBytesUsed() const { return cache_->GetUsage(); }
uint64_t Database::MemtableBytes() const { return SumProperty(db_.get(), handles_, "rocksdb.size-all-mem-tables"); }

SnapshotReader::SnapshotReader(const Database& database) : database_(database) {
  snapshot_ = database_.db()->GetSnapshot();
  read_options_.snapshot = snapshot_;
}

SnapshotReader::~SnapshotReader() { database_.db()->ReleaseSnapshot(snapshot_); }

std::unique_ptr<rocksdb::Iterator> SnapshotReader::Scan(Column column) const {
  rocksdb::ReadOptions options = read_options_;
  options.total_order_seek = true;
  return std::unique_ptr<rocksdb::Iterator>(database_.db()->NewIterator(options, database_.handle(column)));
}

Status SnapshotReader::Get(Column column, std::string_view key, std::string* value, bool* found) {
  rocksdb::Status s = database_.db()->Get(read_options_, database_.handle(column), rocksdb::Slice(key.data(), key.size()), value);
  *found = s.ok();
  if (s.IsNotFound()) return Status::Ok();
  return FromRocks(s, "index read");
}

namespace {

// A merged posting comes back in the slice's own buffer: moved out instead of
// copied (postings run to 16 KB, and the copy was a large allocation per key).
std::string TakeValue(rocksdb::PinnableSlice* found) {
  std::string* own = found->GetSelf();
  if (!found->IsPinned() && own != nullptr && found->data() == own->data() && found->size() == own->size()) {
    return std::move(*own);
  }
  return found->ToString();
}

}  // namespace

Status SnapshotReader::MultiGet(Column column, const std::vector<std::string>& keys,
                                std::vector<std::optional<std::string>>* values) {
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> found(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  database_.db()->MultiGet(read_options_, database_.handle(column), keys.size(), slices.data(), found.data(),
                           statuses.data());
  values->assign(keys.size(), std::nullopt);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (statuses[i].IsNotFound()) continue;
    if (!statuses[i].ok()) return FromRocks(statuses[i], "index read");
    (*values)[i] = TakeValue(&found[i]);
  }
  return Status::Ok();
}

std::string WriteGroup::OverlayKey(Column column, std::string_view key) {
  std::string k(1, static_cast<char>('0' + static_cast<int>(column)));
  k.append(key);
  return k;
}

WriteGroup::WriteGroup(const Database& database, HotPostings* hot, const WriteGroup* base,
                       const rocksdb::Snapshot* before_base)
    : database_(database), hot_(hot), base_(base) {
  read_options_.snapshot = before_base;
}

const std::optional<std::string>* WriteGroup::Written(const std::string& overlay) const {
  for (const WriteGroup* g : {this, base_}) {
    if (g == nullptr) continue;
    if (auto it = g->written_.find(overlay); it != g->written_.end()) return &it->second;
  }
  return nullptr;
}

void WriteGroup::ApplyMerges(const std::string& overlay, std::optional<std::string>* value) const {
  for (const WriteGroup* g : {base_, this}) {
    if (g == nullptr) continue;
    auto it = g->merges_.find(overlay);
    if (it == g->merges_.end()) continue;
    if (!value->has_value()) value->emplace();
    for (const std::string& operand : it->second) ApplyOperand(operand, &**value);
  }
}

// Postings are only merged and the other columns only put or deleted, so a
// key has either written values or merge operands, never both.
Status WriteGroup::ReadThrough(Column column, std::string_view key, std::optional<std::string>* value) {
  if (column == Column::kPostings && hot_ != nullptr)
    if (const std::string* hot = hot_->Find(key)) {
      *value = *hot;
      return Status::Ok();
    }
  const std::string overlay = OverlayKey(column, key);
  if (const std::optional<std::string>* written = Written(overlay)) {
    *value = *written;
    return Status::Ok();
  }
  std::string stored;
  rocksdb::Status s =
      database_.db()->Get(read_options_, database_.handle(column), rocksdb::Slice(key.data(), key.size()), &stored);
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "index read");
  if (s.ok()) *value = std::move(stored);
  else value->reset();
  ApplyMerges(overlay, value);
  if (column == Column::kPostings && hot_ != nullptr && value->has_value()) hot_->Offer(key, **value);
  return Status::Ok();
}

Status WriteGroup::Get(Column column, std::string_view key, std::string* value, bool* found) {
  std::optional<std::string> v;
  if (Status s = ReadThrough(column, key, &v); !s.ok()) return s;
  *found = v.has_value();
  if (*found) *value = std::move(*v);
  return Status::Ok();
}

Status WriteGroup::MultiGet(Column column, const std::vector<std::string>& keys,
                            std::vector<std::optional<std::string>>* values) {
  // Keys neither this group nor its base has touched go to the database in one MultiGet.
  std::vector<size_t> untouched;
  values->assign(keys.size(), std::nullopt);
  const bool hot = column == Column::kPostings && hot_ != nullptr;
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string overlay = OverlayKey(column, keys[i]);
    if (Touches(overlay) || (base_ != nullptr && base_->Touches(overlay)) || (hot && hot_->Find(keys[i]))) {
      if (Status s = ReadThrough(column, keys[i], &(*values)[i]); !s.ok()) return s;
    } else {
      untouched.push_back(i);
    }
  }
  if (untouched.empty()) return Status::Ok();
  std::vector<rocksdb::Slice> slices;
  for (size_t i : untouched) slices.emplace_back(keys[i]);
  std::vector<rocksdb::PinnableSlice> found(untouched.size());
  std::vector<rocksdb::Status> statuses(untouched.size());
  database_.db()->MultiGet(read_options_, database_.handle(column), slices.size(), slices.data(), found.data(),
                           statuses.data());
  for (size_t j = 0; j < untouched.size(); ++j) {
    if (statuses[j].IsNotFound()) continue;
    if (!statuses[j].ok()) return FromRocks(statuses[j], "index read");
    (*values)[untouched[j]] = TakeValue(&found[j]);
    if (hot) hot_->Offer(keys[untouched[j]], *(*values)[untouched[j]]);
  }
  return Status::Ok();
}

void WriteGroup::Put(Column column, std::string_view key, std::string_view value) {
  batch_.Put(database_.handle(column), rocksdb::Slice(key.data(), key.size()), rocksdb::Slice(value.data(), value.size()));
  written_[OverlayKey(column, key)] = std::string(value);
}

void WriteGroup::Delete(Column column, std::string_view key) {
  batch_.Delete(database_.handle(column), rocksdb::Slice(key.data(), key.size()));
  written_[OverlayKey(column, key)] = std::nullopt;
}

void WriteGroup::Merge(std::string_view key, std::string_view operand) {
  batch_.Merge(database_.handle(Column::kPostings), rocksdb::Slice(key.data(), key.size()),
               rocksdb::Slice(operand.data(), operand.size()));
  merges_[OverlayKey(Column::kPostings, key)].emplace_back(operand);
  if (hot_ != nullptr) hot_->Apply(key, operand);
}

void WriteGroup::Clear() {
  batch_.Clear();
  written_.clear();
  merges_.clear();
}

}  // namespace reprint::store
