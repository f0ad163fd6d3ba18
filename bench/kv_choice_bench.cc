// Storage engine choice for the persistent copy index (issue 5): RocksDB, as
// src/store configures it, against LMDB, on the index's own access pattern,
// both in one run. Not a test; figures and conclusion in bench/RESULTS.md.
//   build/release/bench/kv_choice_bench [--benchmark_min_time=3]
// Environment: KV_BENCH_PRELOAD (documents preloaded per engine, 200000),
// KV_BENCH_DIR (parent of the temporary stores, /tmp).
//
// Workload per document (synthetic, deterministic per document number):
//   - 45 posting keys of 5 bytes (family byte + 32-bit hash: 20 band, 22
//     anchor, 3 lead). 90% are fresh random hashes; 10% are drawn from a pool
//     of 50,000 shared keys with a Zipf(1.1) skew, so a few popular keys reach
//     the posting cap (max_bucket = 2000) as boilerplate does.
//   - ingest: read every posting (FindMatches' MultiGet; most miss), append an
//     8-byte entry (seq << 16 | aux) to each posting under the cap, store a
//     1.5 KB shingle blob and a 300-byte record; commit every G documents.
//   - lookup (a query): the 45 postings of a new document plus 5 random
//     stored shingle blobs (the candidates Verify reads).
// Engines, run one after the other (each closed before the next opens, so
// process RSS belongs to one engine):
//   - lmdb_rmw: postings are one value each, read-modify-written.
//   - lmdb_dupsort: postings are MDB_DUPSORT|MDB_DUPFIXED duplicates.
//   - rocksdb: reprint's store::Database (its column families, hashed
//     memtables, Bloom filters, posting merge operator) written through
//     store::WriteGroup, as the index's writer does.
// Durable commits: RocksDB WriteOptions.sync; LMDB's default commit (fsync).
// Non-durable: RocksDB sync=false; LMDB MDB_NOSYNC (set on the open env).
#include <benchmark/benchmark.h>
#include <lmdb.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/coding.h"
#include "store/database.h"
#include "store/postings.h"

namespace reprint {
namespace {

namespace fs = std::filesystem;

constexpr int kBandKeys = 20, kAnchorKeys = 22, kLeadKeys = 3;
constexpr int kKeysPerDoc = kBandKeys + kAnchorKeys + kLeadKeys;
constexpr double kSharedFraction = 0.10;
constexpr size_t kSharedPool = 50000;
constexpr double kZipfExponent = 1.1;
constexpr size_t kMaxBucket = 2000;  // MatchRules::max_bucket
constexpr size_t kShinglesPerBlob = 375;  // 1.5 KB of 32-bit shingle hashes
constexpr size_t kRecordBytes = 300;
constexpr int kBlobsPerQuery = 5;
constexpr size_t kQueryRing = 16384;
constexpr size_t kDocRing = 1024;  // a multiple of every group size
constexpr uint64_t kQueryBase = uint64_t{1} << 40;  // query documents are never stored

uint64_t Mix(uint64_t x) {  // splitmix64
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(Mix(seed)) {}
  uint64_t Next() { return Mix(state_++); }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

const std::vector<double>& ZipfCdf() {
  static const std::vector<double> cdf = [] {
    std::vector<double> c(kSharedPool);
    double sum = 0;
    for (size_t r = 0; r < kSharedPool; ++r) c[r] = sum += 1.0 / std::pow(static_cast<double>(r + 1), kZipfExponent);
    for (double& v : c) v /= sum;
    return c;
  }();
  return cdf;
}

struct Doc {
  uint64_t seq = 0;
  uint16_t aux = 0;
  std::vector<std::string> keys;
  std::string blob;
  std::string record;
};

store::KeyFamily FamilyOf(int i) {
  if (i < kBandKeys) return store::KeyFamily::kBand;
  if (i < kBandKeys + kAnchorKeys) return store::KeyFamily::kAnchor;
  return store::KeyFamily::kLead;
}

// Document n (seq n + 1): keys, blob and record; with_payload=false for queries.
void MakeDoc(uint64_t n, bool with_payload, Doc* doc) {
  Rng rng(n);
  doc->seq = n + 1;
  doc->aux = static_cast<uint16_t>(rng.Next());
  doc->keys.clear();
  const auto& cdf = ZipfCdf();
  for (int i = 0; i < kKeysPerDoc; ++i) {
    uint32_t hash;
    if (rng.Uniform() < kSharedFraction) {
      const size_t rank = std::lower_bound(cdf.begin(), cdf.end(), rng.Uniform()) - cdf.begin();
      hash = static_cast<uint32_t>(Mix(0x5a5a0000ull + rank));
    } else {
      hash = static_cast<uint32_t>(rng.Next());
    }
    doc->keys.push_back(store::PostingKey(FamilyOf(i), hash));
  }
  if (!with_payload) return;
  std::vector<uint32_t> shingles(kShinglesPerBlob);
  for (uint32_t& s : shingles) s = static_cast<uint32_t>(rng.Next());
  std::sort(shingles.begin(), shingles.end());
  doc->blob.assign(reinterpret_cast<const char*>(shingles.data()), shingles.size() * 4);
  // A record: id, dates, sizes, hashes (random), then key lists (random).
  doc->record = "doc-" + std::to_string(n) + "|2024-05-01|text/html|en|";
  while (doc->record.size() < kRecordBytes) {
    const uint64_t v = rng.Next();
    doc->record.append(reinterpret_cast<const char*>(&v), 8);
  }
  doc->record.resize(kRecordBytes);
}

std::string BlobKey(uint64_t seq) { return store::BlobKey(seq, store::BlobKind::kShingles); }
std::string RecordKey(uint64_t seq) { return store::SeqKey('d', seq); }

uint64_t Entry(const Doc& doc) { return store::PackEntry({doc.seq, doc.aux}); }

// ---- engines ----

class Engine {
 public:
  virtual ~Engine() = default;
  virtual void SetDurable(bool durable) = 0;
  // Reads each document's postings, then appends it; one commit for all.
  virtual void IngestGroup(const std::vector<Doc>& docs) = 0;
  // Returns the number of posting entries read (kept so reads are not elided).
  virtual size_t Lookup(const Doc& query, const std::vector<uint64_t>& blob_seqs) = 0;
  // After bulk loading: make the store durable and settled.
  virtual void Settle() = 0;
};

void Check(int rc, const char* what) {
  if (rc == 0) return;
  std::fprintf(stderr, "%s: %s\n", what, mdb_strerror(rc));
  std::abort();
}

class LmdbEngine : public Engine {
 public:
  LmdbEngine(const std::string& dir, bool dupsort) : dupsort_(dupsort) {
    fs::create_directories(dir);
    Check(mdb_env_create(&env_), "mdb_env_create");
    Check(mdb_env_set_maxdbs(env_, 4), "mdb_env_set_maxdbs");
    Check(mdb_env_set_mapsize(env_, size_t{64} << 30), "mdb_env_set_mapsize");
    Check(mdb_env_open(env_, dir.c_str(), 0, 0644), "mdb_env_open");
    MDB_txn* txn;
    Check(mdb_txn_begin(env_, nullptr, 0, &txn), "mdb_txn_begin");
    const unsigned posting_flags = MDB_CREATE | (dupsort ? MDB_DUPSORT | MDB_DUPFIXED : 0);
    Check(mdb_dbi_open(txn, "postings", posting_flags, &postings_), "open postings");
    Check(mdb_dbi_open(txn, "blobs", MDB_CREATE, &blobs_), "open blobs");
    Check(mdb_dbi_open(txn, "meta", MDB_CREATE, &meta_), "open meta");
    Check(mdb_txn_commit(txn), "mdb_txn_commit");
    Check(mdb_txn_begin(env_, nullptr, MDB_RDONLY, &read_txn_), "read txn");
    mdb_txn_reset(read_txn_);
  }
  ~LmdbEngine() override {
    mdb_txn_abort(read_txn_);
    mdb_env_close(env_);
  }

  void SetDurable(bool durable) override { Check(mdb_env_set_flags(env_, MDB_NOSYNC, durable ? 0 : 1), "set_flags"); }

  void IngestGroup(const std::vector<Doc>& docs) override {
    MDB_txn* txn;
    Check(mdb_txn_begin(env_, nullptr, 0, &txn), "mdb_txn_begin");
    MDB_cursor* cursor;
    Check(mdb_cursor_open(txn, postings_, &cursor), "cursor");
    std::vector<size_t> lengths(kKeysPerDoc);
    std::string buffer;
    for (const Doc& doc : docs) {
      size_t entries = 0;
      for (int i = 0; i < kKeysPerDoc; ++i) entries += lengths[i] = ReadPosting(cursor, doc.keys[i], &buffer);
      benchmark::DoNotOptimize(entries);
      const uint64_t entry = Entry(doc);
      for (int i = 0; i < kKeysPerDoc; ++i) {
        if (lengths[i] >= kMaxBucket) continue;
        MDB_val key{doc.keys[i].size(), const_cast<char*>(doc.keys[i].data())};
        if (dupsort_) {
          MDB_val value{8, const_cast<uint64_t*>(&entry)};
          Check(mdb_cursor_put(cursor, &key, &value, 0), "put dup");
        } else {
          // Read-modify-write: reserve the longer value and fill it in.
          MDB_val old;
          const bool found = mdb_get(txn, postings_, &key, &old) == 0;
          buffer.assign(found ? static_cast<const char*>(old.mv_data) : "", found ? old.mv_size : 0);
          buffer.append(reinterpret_cast<const char*>(&entry), 8);
          MDB_val value{buffer.size(), nullptr};
          Check(mdb_put(txn, postings_, &key, &value, MDB_RESERVE), "put posting");
          std::memcpy(value.mv_data, buffer.data(), buffer.size());
        }
      }
      Put(txn, blobs_, BlobKey(doc.seq), doc.blob);
      Put(txn, meta_, RecordKey(doc.seq), doc.record);
    }
    mdb_cursor_close(cursor);
    Check(mdb_txn_commit(txn), "mdb_txn_commit");
  }

  size_t Lookup(const Doc& query, const std::vector<uint64_t>& blob_seqs) override {
    Check(mdb_txn_renew(read_txn_), "renew");
    MDB_cursor* cursor;
    Check(mdb_cursor_open(read_txn_, postings_, &cursor), "cursor");
    size_t entries = 0;
    std::string buffer;
    for (const std::string& key : query.keys) entries += ReadPosting(cursor, key, &buffer);
    mdb_cursor_close(cursor);
    for (uint64_t seq : blob_seqs) {
      const std::string key = BlobKey(seq);
      MDB_val k{key.size(), const_cast<char*>(key.data())}, v;
      if (mdb_get(read_txn_, blobs_, &k, &v) == 0) {
        buffer.assign(static_cast<const char*>(v.mv_data), v.mv_size);  // copied, as RocksDB's MultiGet does
        entries += buffer.size() / 4;
      }
    }
    mdb_txn_reset(read_txn_);
    return entries;
  }

  void Settle() override { Check(mdb_env_sync(env_, 1), "mdb_env_sync"); }

 private:
  // Copies the posting into *out (the matcher walks it); returns its length.
  size_t ReadPosting(MDB_cursor* cursor, const std::string& key_bytes, std::string* out) {
    MDB_val key{key_bytes.size(), const_cast<char*>(key_bytes.data())}, value;
    out->clear();
    if (!dupsort_) {
      if (mdb_cursor_get(cursor, &key, &value, MDB_SET_KEY) != 0) return 0;
      out->assign(static_cast<const char*>(value.mv_data), value.mv_size);
      return value.mv_size / 8;
    }
    if (mdb_cursor_get(cursor, &key, &value, MDB_SET_KEY) != 0) return 0;
    int rc = mdb_cursor_get(cursor, &key, &value, MDB_GET_MULTIPLE);
    while (rc == 0) {
      out->append(static_cast<const char*>(value.mv_data), value.mv_size);
      rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT_MULTIPLE);
    }
    return out->size() / 8;
  }

  static void Put(MDB_txn* txn, MDB_dbi dbi, const std::string& key, const std::string& value) {
    MDB_val k{key.size(), const_cast<char*>(key.data())}, v{value.size(), const_cast<char*>(value.data())};
    Check(mdb_put(txn, dbi, &k, &v, 0), "mdb_put");
  }

  bool dupsort_;
  MDB_env* env_ = nullptr;
  MDB_dbi postings_ = 0, blobs_ = 0, meta_ = 0;
  MDB_txn* read_txn_ = nullptr;
};

class RocksEngine : public Engine {
 public:
  explicit RocksEngine(const std::string& dir) {
    auto db = store::Database::Open(dir, store::DatabaseOptions());
    if (!db.ok()) std::abort();
    db_ = std::move(db).value();
    group_ = std::make_unique<store::WriteGroup>(*db_);
  }

  void SetDurable(bool durable) override { sync_ = durable; }

  void IngestGroup(const std::vector<Doc>& docs) override {
    std::vector<std::optional<std::string>> postings;
    for (const Doc& doc : docs) {
      if (!group_->MultiGet(store::Column::kPostings, doc.keys, &postings).ok()) std::abort();
      const std::string operand = store::AddOperand({doc.seq, doc.aux});
      for (int i = 0; i < kKeysPerDoc; ++i)
        if (!postings[i] || store::PostingLength(*postings[i]) < kMaxBucket) group_->Merge(doc.keys[i], operand);
      group_->Put(store::Column::kBlobs, BlobKey(doc.seq), doc.blob);
      group_->Put(store::Column::kMeta, RecordKey(doc.seq), doc.record);
    }
    if (!db_->Write(group_->batch(), sync_).ok()) std::abort();
    group_->Clear();
  }

  size_t Lookup(const Doc& query, const std::vector<uint64_t>& blob_seqs) override {
    store::SnapshotReader reader(*db_);
    std::vector<std::optional<std::string>> values;
    if (!reader.MultiGet(store::Column::kPostings, query.keys, &values).ok()) std::abort();
    size_t entries = 0;
    for (const auto& v : values)
      if (v) entries += store::PostingLength(*v);
    std::vector<std::string> keys;
    for (uint64_t seq : blob_seqs) keys.push_back(BlobKey(seq));
    if (!reader.MultiGet(store::Column::kBlobs, keys, &values).ok()) std::abort();
    for (const auto& v : values)
      if (v) entries += v->size() / 4;
    return entries;
  }

  void Settle() override {
    rocksdb::DB* db = db_->db();
    for (auto c : {store::Column::kMeta, store::Column::kPostings, store::Column::kBlobs})
      db->Flush(rocksdb::FlushOptions(), db_->handle(c));
    // Let the compactions the load triggered finish (at most a minute).
    for (int i = 0; i < 600; ++i) {
      uint64_t pending = 0, running = 0;
      db->GetAggregatedIntProperty("rocksdb.compaction-pending", &pending);
      db->GetAggregatedIntProperty("rocksdb.num-running-compactions", &running);
      if (pending == 0 && running == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

 private:
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::WriteGroup> group_;
  bool sync_ = true;
};

// ---- measurement helpers ----

struct Memory {
  double rss_mb = 0, anon_mb = 0, file_mb = 0;
};

Memory ReadMemory() {
  Memory m;
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    auto field = [&](const char* name, double* out) {
      if (line.rfind(name, 0) == 0) *out = std::atof(line.c_str() + std::strlen(name)) / 1024.0;
    };
    field("VmRSS:", &m.rss_mb);
    field("RssAnon:", &m.anon_mb);
    field("RssFile:", &m.file_mb);
  }
  return m;
}

double DiskMb(const fs::path& dir) {  // allocated blocks, like du
  uint64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    struct stat st;
    if (entry.is_regular_file() && ::stat(entry.path().c_str(), &st) == 0) bytes += uint64_t(st.st_blocks) * 512;
  }
  return static_cast<double>(bytes) / (1 << 20);
}

struct Run {
  std::string name;
  fs::path dir;
  std::unique_ptr<Engine> engine;
  uint64_t next_doc = 0;  // documents made so far
  uint64_t stored = 0;
  uint64_t preloaded = 0;
  uint64_t next_query = 0;
};

Run* g_run = nullptr;
double g_min_time = 3;  // seconds per benchmark; --benchmark_min_time=S overrides it

void AddMemoryCounters(benchmark::State& state) {
  const Memory m = ReadMemory();
  state.counters["rss_MB"] = m.rss_mb;
  state.counters["anon_MB"] = m.anon_mb;
  state.counters["file_MB"] = m.file_mb;
  state.counters["disk_MB"] = DiskMb(g_run->dir);
}

void BM_Lookup(benchmark::State& state) {
  Run& run = *g_run;
  // A ring of queries made before timing (generating one costs about as much
  // as an LMDB lookup); every key set is new to the store.
  std::vector<Doc> queries(kQueryRing);
  for (Doc& q : queries) MakeDoc(kQueryBase + run.next_query++, false, &q);
  std::vector<uint64_t> blob_seqs(kBlobsPerQuery);
  Rng rng(run.next_query);
  size_t entries = 0, i = 0;
  for (auto _ : state) {
    for (uint64_t& seq : blob_seqs) seq = 1 + rng.Next() % run.preloaded;
    entries += run.engine->Lookup(queries[i++ % kQueryRing], blob_seqs);
  }
  benchmark::DoNotOptimize(entries);
  queries = {};
  state.SetItemsProcessed(state.iterations());
  state.counters["keys/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * (kKeysPerDoc + kBlobsPerQuery), benchmark::Counter::kIsRate);
  AddMemoryCounters(state);
}

void BM_Ingest(benchmark::State& state) {
  Run& run = *g_run;
  const size_t group = static_cast<size_t>(state.range(0));
  const bool durable = state.range(1) != 0;
  run.engine->SetDurable(durable);
  // Documents are made kDocRing at a time with the clock paused.
  std::vector<Doc> ring(kDocRing);
  std::vector<Doc> docs(group);
  size_t used = kDocRing;
  for (auto _ : state) {
    if (used + group > kDocRing) {
      state.PauseTiming();
      for (Doc& d : ring) MakeDoc(run.next_doc++, true, &d);
      used = 0;
      state.ResumeTiming();
    }
    for (size_t j = 0; j < group; ++j) std::swap(docs[j], ring[used++]);
    run.engine->IngestGroup(docs);
    run.stored += group;
  }
  // Documents made but not stored are skipped (their numbers stay unused).
  run.engine->SetDurable(true);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * group));
  AddMemoryCounters(state);
}

void RunEngine(const std::string& name, const fs::path& parent, uint64_t preload,
               const std::function<std::unique_ptr<Engine>(const std::string&)>& open) {
  Run run;
  run.name = name;
  run.dir = parent / ("reprint-kv-bench-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(run.dir);
  run.engine = open(run.dir.string());
  g_run = &run;

  // Preload (untimed by Google Benchmark): non-durable groups of 1,000.
  const auto start = std::chrono::steady_clock::now();
  std::vector<Doc> docs;
  while (run.next_doc < preload) {
    docs.resize(std::min<uint64_t>(1000, preload - run.next_doc));
    for (Doc& d : docs) MakeDoc(run.next_doc++, true, &d);
    run.engine->SetDurable(false);
    run.engine->IngestGroup(docs);
    run.stored += docs.size();
  }
  run.engine->SetDurable(true);
  run.engine->Settle();
  run.preloaded = run.next_doc;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const Memory m = ReadMemory();
  std::printf("\n== %s: preloaded %llu documents in %.1f s (%.0f docs/s, non-durable groups of 1000, then settled);"
              " rss %.0f MB (anon %.0f, file %.0f); disk %.0f MB\n",
              name.c_str(), static_cast<unsigned long long>(preload), seconds, preload / seconds, m.rss_mb, m.anon_mb,
              m.file_mb, DiskMb(run.dir));
  std::fflush(stdout);

  benchmark::ClearRegisteredBenchmarks();
  benchmark::RegisterBenchmark((name + "/Lookup").c_str(), BM_Lookup)->MinTime(g_min_time)->UseRealTime();
  for (int durable : {1, 0})
    for (int group : {1, 32})
      benchmark::RegisterBenchmark((name + (durable ? "/IngestDurable" : "/IngestNoSync")).c_str(), BM_Ingest)
          ->Args({group, durable})
          ->ArgNames({"G", "durable"})
          ->MinTime(g_min_time)
          ->UseRealTime();
  // One reporter for the three runs (a second run with the default one crashes in benchmark 1.7).
  static benchmark::ConsoleReporter reporter(::isatty(1) ? benchmark::ConsoleReporter::OO_ColorTabular
                                                          : benchmark::ConsoleReporter::OO_Tabular);
  benchmark::RunSpecifiedBenchmarks(&reporter);

  const double disk = DiskMb(run.dir);
  run.engine.reset();
  const Memory after = ReadMemory();
  std::printf("== %s: %llu documents stored, disk %.0f MB; rss after close %.0f MB\n", name.c_str(),
              static_cast<unsigned long long>(run.stored), disk, after.rss_mb);
  std::fflush(stdout);
  fs::remove_all(run.dir);
  g_run = nullptr;
}

}  // namespace
}  // namespace reprint

int main(int argc, char** argv) {
  using namespace reprint;
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], "--benchmark_min_time=", 21) == 0) g_min_time = std::atof(argv[i] + 21);
  benchmark::Initialize(&argc, argv);
  const char* preload_env = std::getenv("KV_BENCH_PRELOAD");
  const uint64_t preload = preload_env ? std::strtoull(preload_env, nullptr, 10) : 200000;
  const char* dir_env = std::getenv("KV_BENCH_DIR");
  const fs::path parent = dir_env ? dir_env : "/tmp";
  std::printf("kv_choice_bench: %llu documents preloaded per engine, %d posting keys/doc, %.0f%% shared (Zipf %.1f over %zu),"
              " %zu-byte blob, %zu-byte record\n",
              static_cast<unsigned long long>(preload), kKeysPerDoc, kSharedFraction * 100, kZipfExponent, kSharedPool,
              kShinglesPerBlob * 4, kRecordBytes);
  RunEngine("lmdb_rmw", parent, preload, [](const std::string& d) { return std::make_unique<LmdbEngine>(d, false); });
  RunEngine("lmdb_dupsort", parent, preload, [](const std::string& d) { return std::make_unique<LmdbEngine>(d, true); });
  RunEngine("rocksdb", parent, preload, [](const std::string& d) { return std::make_unique<RocksEngine>(d); });
  benchmark::Shutdown();
  return 0;
}
