// The records the copy index stores, and their byte encodings (coding.h).
// Decoders return false on bytes they cannot read: a corrupt record is
// reported as kCorruption, never read past its end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reprint/similarity.h"

namespace reprint::store {

// Internal document numbers (seq) are assigned in ingest order from 1 and
// never reused; external ids map to them.
struct DocRecord {
  std::string id, url, source, date, title;
  int64_t ingested_at = 0;
  int32_t day = INT32_MIN;  // of date, else of ingested_at (retention)
  uint64_t text_bytes = 0;
  uint32_t shingle_count = 0;
  uint64_t exact_hash = 0;
  bool indexed = false;  // its keys are in the postings (it represents its exact hash)
  // Sorted, distinct. Stored apart (EncodeKeys, key k<seq>): only indexing
  // and removal need them, while the record is read for every match.
  std::vector<uint32_t> band_keys, anchors, leads;
  uint64_t cluster_id = 0;
  uint64_t story_id = 0;
};

// Stored under c<id>: the canonical member and the size. The members are a
// chunked list of their own (M<id>, clusters.h), appended to as the cluster
// grows; `members` is filled only by LoadCluster().
struct ClusterRecord {
  uint64_t canonical = 0;
  uint64_t size = 0;
  std::vector<uint64_t> members;  // seqs, sorted
};

// A verified pair, as stored on both of its documents.
struct Edge {
  uint64_t other = 0;
  Relation relation = Relation::kUnrelated;
  PairScores scores;
};
using EdgeList = std::vector<Edge>;  // sorted by other

struct StoryRecord {
  uint64_t size = 0;
  std::vector<std::string> label;
};

// Counters and the parameters the stored keys depend on.
struct IndexState {
  uint64_t next_seq = 1;
  uint64_t next_cluster = 1;
  uint64_t next_story = 1;
  uint64_t documents = 0;
  uint64_t clusters = 0;
  uint64_t clustered_documents = 0;
  uint64_t capped_keys = 0;
  std::string parameters;  // see ParameterSignature() in copy_index.cc
};

// Everything but the keys.
std::string EncodeDoc(const DocRecord& doc);
bool DecodeDoc(std::string_view bytes, DocRecord* doc);
std::string EncodeKeys(const DocRecord& doc);
bool DecodeKeys(std::string_view bytes, DocRecord* doc);
std::string EncodeCluster(const ClusterRecord& cluster);
bool DecodeCluster(std::string_view bytes, ClusterRecord* cluster);
std::string EncodeEdges(const EdgeList& edges);
bool DecodeEdges(std::string_view bytes, EdgeList* edges);
std::string EncodeStory(const StoryRecord& story);
bool DecodeStory(std::string_view bytes, StoryRecord* story);
std::string EncodeState(const IndexState& state);
bool DecodeState(std::string_view bytes, IndexState* state);
// Raw 32-bit values: decoding is a copy, and sets are decoded for every
// candidate a document is verified against.
std::string EncodeShingles(const std::vector<uint32_t>& sorted);
bool DecodeShingles(std::string_view bytes, std::vector<uint32_t>* sorted);
// Any order (chunks of member lists).
std::string EncodeSeqs(const std::vector<uint64_t>& seqs);
bool DecodeSeqs(std::string_view bytes, std::vector<uint64_t>* seqs);

}  // namespace reprint::store
