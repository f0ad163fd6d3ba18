// Deduplicate(): the batch pipeline read -> clean -> fingerprint -> candidate
// generation (exact hash, LSH bands, containment anchors) -> verification on
// shingle sets -> clusters.
//
// Memory: pass 1 keeps per document only its id, date, sizes, band keys and
// anchors (a few hundred bytes) and spills each document's compact shingle
// set to a temporary file; verification reads that file back and holds a set
// only while a pending pair still needs it, within verify_memory_bytes (more
// reads of the file when needed). The input itself is read once, so stdin
// works like a file.
//
// Determinism: the result is identical for any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "reprint/cleaner.h"
#include "reprint/cluster.h"
#include "reprint/fingerprint.h"
#include "reprint/reader.h"
#include "reprint/similarity.h"
#include "reprint/status.h"

namespace reprint {

struct DedupProgress {
  int pass = 1;  // 1: fingerprint, 2: verify, 3: member-vs-canonical scores
  uint64_t documents = 0;
  uint64_t bytes = 0;
  uint64_t total_bytes = 0;  // 0 when unknown
};

struct DedupOptions {
  ReadOptions read;
  CleanOptions clean;
  FingerprintOptions fingerprint;
  RelationThresholds thresholds;  // Jaccard for near-duplicates, containment for trimmed copies
  // Anchors two documents must share before they are verified as a possible
  // trimmed copy (also as a fraction of the smaller document's anchors).
  int min_shared_anchors = 2;
  double min_anchor_fraction = 0.4;
  size_t max_bucket = 2000;  // larger LSH/anchor buckets are linked as a chain, not all-pairs
  // An anchor or lead shingle in more documents than this is common (a
  // sentence reused across unrelated texts): it counts towards pairs found
  // through rarer anchors but finds none by itself, except for documents
  // with fewer than min_shared_anchors rare ones. Bounds the quadratic work.
  size_t common_posting = 16;
  // Shingle sets held at once while verifying; more need extra reads of the
  // spill file.
  size_t verify_memory_bytes = size_t{512} << 20;
  // Where pass 1 spills compact shingle sets (about 0.6 bytes per input
  // byte); empty: the system's temporary directory.
  std::string temp_dir;
  unsigned threads = 0;      // 0: all cores
  bool strict = false;       // stop at the first skipped record
  std::function<void(const DedupProgress&)> on_progress;  // called from the reading thread
};

// What the pipeline learnt about one document.
struct DocumentInfo {
  std::string id;
  std::string date;
  uint64_t text_bytes = 0;
  uint32_t shingle_count = 0;
};

struct DedupStats {
  uint64_t documents = 0;
  uint64_t skipped = 0;           // unreadable records/files (see ReadOptions::on_problem)
  uint64_t empty = 0;             // documents with no article text
  uint64_t input_bytes = 0;
  uint64_t text_bytes = 0;
  uint64_t candidate_pairs = 0;
  uint64_t verified_pairs = 0;    // candidates that passed verification
  uint64_t capped_buckets = 0;
  uint64_t duplicates = 0;        // documents that are not their cluster's canonical
  uint64_t verify_reads = 0;      // reads of the spill file made to verify
  double seconds = 0;             // the whole run, then its phases:
  double fingerprint_seconds = 0;
  double candidate_seconds = 0;
  double verify_seconds = 0;
  double cluster_seconds = 0;
};

struct DedupResult {
  std::vector<DocumentInfo> documents;  // by input index
  std::vector<VerifiedPair> pairs;      // verified, sorted by (a, b)
  std::vector<Cluster> clusters;        // >= 2 members each
  DedupStats stats;
};

Result<DedupResult> Deduplicate(const std::vector<std::string>& inputs, const DedupOptions& options);

}  // namespace reprint
