// CopyIndex: the persistent, incremental form of dedup, for streams of
// articles that must each be answered at once ("is this a copy, of what, and
// which story?") and whose answers must survive restarts and crashes.
//
// Storage: RocksDB (one directory). Chosen over LMDB by measurement and by
// its memory model: LMDB maps the whole file, so its resident size grows with
// the index, while RocksDB's memory is its block cache plus write buffers,
// both bounded here (cache_bytes, write_buffer_bytes). See bench/RESULTS.md.
//
// Matching follows the batch pipeline (dedup.h) rule for rule: exact hash,
// LSH bands, containment anchors and lead shingles find candidates; each is
// verified on the compact shingle sets with the same RelationThresholds;
// copy clusters are the connected components of verified pairs, and the
// canonical member follows the same rule (PreferAsCanonical). Feeding a
// corpus one document at a time therefore gives the clusters Deduplicate()
// gives on the whole corpus; the canonical member may differ from batch only
// while a cluster's better member has not yet arrived. Differences: a key
// whose posting list is full (max_bucket) takes no more documents instead of
// being chained.
//
// Durability: Add() returns after its documents are in the write-ahead log
// and, with sync_writes, fsync'ed. Concurrent Add() calls are grouped into
// one commit (group commit), and a group's fsync runs while the next group
// is matched: that is what makes durable ingest fast. So a reader may see a
// document a moment before its Add() returns; a crash in that moment loses
// it, but never an acknowledged one.
//
// Thread safety: every method may be called from any thread. Writes are
// applied by one writer in arrival order; reads (Query, Get*) run in the
// calling thread on a consistent snapshot.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reprint/cleaner.h"
#include "reprint/document.h"
#include "reprint/fingerprint.h"
#include "reprint/similarity.h"
#include "reprint/status.h"

namespace reprint {

struct CopyIndexOptions {
  CleanOptions clean;
  // Fingerprint parameters and the Jaccard threshold are fixed when the index
  // is created and stored in it, because its stored keys depend on them. An
  // existing index keeps its own (these are then ignored) unless
  // adopt_stored_parameters is false: then different ones are refused.
  FingerprintOptions fingerprint;
  RelationThresholds thresholds;
  bool adopt_stored_parameters = true;
  int min_shared_anchors = 2;
  double min_anchor_fraction = 0.4;
  size_t max_bucket = 2000;
  // Story assignment (see story.h for their meaning).
  double story_threshold = 0.11;
  double story_window_days = 7;
  // Memory: RocksDB block cache and write buffers (memtables), the main
  // parts of the resident size; the rest is per request.
  size_t cache_bytes = size_t{512} << 20;
  size_t write_buffer_bytes = size_t{128} << 20;
  // The writer's cache of long posting lists (shared sentences), which it
  // would otherwise re-read from RocksDB for every document that shares them.
  size_t hot_posting_bytes = size_t{64} << 20;
  // Articles replayed into the story state when the index is opened.
  size_t story_replay_documents = 200000;
  // Stories kept in memory to be joined (the least recently joined beyond
  // this are retired); each costs up to ~5 KB.
  size_t story_live_stories = 200000;
  // fsync the log before an Add() returns: survives power loss, not only a
  // process crash.
  bool sync_writes = true;
  // Documents waiting for the writer; Add() beyond this fails with kBusy
  // (back-pressure) instead of queueing without limit.
  size_t max_pending_documents = 8192;
  bool create_if_missing = true;
};

// A document cleaned and fingerprinted, ready to be matched. Prepare() makes
// it; its fields are for the index.
struct PreparedDocument {
  CleanDocument clean;
  Fingerprint print;
  std::vector<uint32_t> shingles;  // compact shingle set
  std::string story_features;      // encoded story terms; empty: not extracted
  int32_t day = INT32_MIN;         // days since 1970-01-01 of the date; INT32_MIN: none
};

// A verified direct match with a stored document.
struct DocumentMatch {
  std::string id;
  Relation relation = Relation::kUnrelated;
  PairScores scores;
};

struct DocumentAnswer {
  std::string id;
  bool stored = false;    // false for queries and for documents without text
  bool replaced = false;  // a stored document with the same id was replaced
  // The canonical member of the document's copy cluster when that is another
  // document; empty when the document is canonical or in no cluster.
  std::string copy_of;
  Relation relation = Relation::kUnrelated;  // to copy_of; kCanonical; kUnrelated when alone
  PairScores scores;                         // against copy_of
  uint64_t cluster_id = 0;                   // 0: in no cluster
  uint64_t cluster_size = 1;
  uint64_t story_id = 0;                     // 0: none (no text, or a query)
  std::vector<DocumentMatch> matches;
  std::string problem;  // why the document was not indexed (e.g. no article text)
};

struct StoredDocument {
  std::string id, url, source, date, title;
  int64_t ingested_at = 0;  // unix seconds
  uint64_t text_bytes = 0;
  uint32_t shingle_count = 0;
  uint64_t cluster_id = 0;
  uint64_t story_id = 0;
  std::string text;  // the clean text
};

struct ClusterMemberInfo {
  std::string id;
  Relation relation = Relation::kCanonical;
  PairScores scores;  // against the canonical member
  double coverage = 0;  // share of the member's text aligned with the canonical's (alignment summary)
};

struct ClusterInfo {
  uint64_t id = 0;
  std::string canonical;
  std::vector<ClusterMemberInfo> members;  // canonical first
};

struct StoryInfo {
  uint64_t id = 0;
  uint64_t size = 0;
  std::vector<std::string> label;
  std::vector<std::string> members;  // ids, at most the requested number
};

struct CopyIndexStats {
  uint64_t documents = 0;
  uint64_t clusters = 0;
  uint64_t clustered_documents = 0;
  uint64_t stories = 0;
  uint64_t capped_keys = 0;  // keys that reached max_bucket
  uint64_t disk_bytes = 0;
  uint64_t cache_bytes_used = 0;
  uint64_t memtable_bytes = 0;
  uint64_t pending_documents = 0;
  uint64_t commits = 0;           // committed write batches since open (adds, deletions, retention)
  uint64_t committed_documents = 0;
  uint64_t compactions = 0;       // Compact() calls completed since open
  double compaction_seconds = 0;  // and the time they took
};

// Splits a memory budget for the index (block cache, write buffers, live
// stories) so that the index's resident size stays within `bytes`, whatever
// its size on disk. Callers keep their own allowance out of it.
void FitToMemory(size_t bytes, CopyIndexOptions* options);

class CopyIndex {
 public:
  static Result<std::unique_ptr<CopyIndex>> Open(const std::string& dir, const CopyIndexOptions& options);
  ~CopyIndex();  // waits for pending writes
  CopyIndex(const CopyIndex&) = delete;
  CopyIndex& operator=(const CopyIndex&) = delete;

  const CopyIndexOptions& options() const;

  // Cleans and fingerprints; touches no index state, so callers run it in
  // parallel before Add() or Query(). Story terms cost as much again as the
  // rest and only Add() uses them: a query can go without (with_story_terms
  // false); a document added without them joins no story unless it is a copy.
  Result<PreparedDocument> Prepare(const RawDocument& raw, bool with_story_terms = true) const;

  // Matches, stores and acknowledges the documents in order (each sees the
  // ones before it). A stored id is replaced. Returns after the commit;
  // kBusy when max_pending_documents are already waiting.
  Status Add(std::vector<PreparedDocument> documents, std::vector<DocumentAnswer>* answers);

  // What Add() would answer, without storing anything.
  Status Query(const PreparedDocument& document, DocumentAnswer* answer) const;

  Result<StoredDocument> GetDocument(std::string_view id) const;
  Result<ClusterInfo> GetCluster(uint64_t cluster_id) const;
  Result<StoryInfo> GetStory(uint64_t story_id, size_t max_members) const;

  // Removes a document, splitting its cluster when it held it together.
  // kNotFound when no such id is stored.
  Status Delete(std::string_view id);
  // Retention: removes every document dated (or, undated, ingested) before
  // `day` (days since 1970-01-01). Returns how many were removed.
  Result<uint64_t> DeleteBefore(int32_t day);

  CopyIndexStats Stats() const;
  // Compacts the store fully, committed writes included (after a bulk load;
  // see `reprint index compact`). Takes minutes for millions of documents.
  Status Compact();
  // Checks that every stored document, cluster and key is consistent with
  // the others (after a crash, in tests); returns the first problem found.
  Status CheckConsistency() const;

 private:
  struct Impl;
  explicit CopyIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace reprint
