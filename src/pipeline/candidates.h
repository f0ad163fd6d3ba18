// Candidate generation for the batch pipeline: the union of
//   - LSH band collisions (pairs likely above the Jaccard threshold), and
//   - containment anchors: pairs sharing enough fixed-threshold-sampled
//     shingles, relative to the smaller document's anchors. This is what
//     finds trimmed copies whose Jaccard is low but containment high.
#pragma once

#include <cstdint>
#include <vector>

#include "reprint/dedup.h"

namespace reprint::pipeline {

struct CandidateKeys {
  std::vector<uint64_t> band_entries;    // index::PackEntry(band key, doc)
  std::vector<uint64_t> anchor_entries;  // index::PackEntry(anchor key, doc)
  std::vector<uint16_t> anchor_counts;   // per document
};

// Consumes *keys (its vectors are released) and returns the distinct candidate
// pairs as index::PackPair(a, b), a < b, sorted.
std::vector<uint64_t> GenerateCandidates(CandidateKeys* keys, const DedupOptions& options, unsigned threads,
                                         DedupStats* stats);

}  // namespace reprint::pipeline
