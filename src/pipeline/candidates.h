// Candidate generation for the batch pipeline: the union of
//   - LSH band collisions (pairs likely above the Jaccard threshold), and
//   - containment anchors: pairs sharing enough fixed-threshold-sampled
//     shingles, relative to the smaller document's anchors. This is what
//     finds trimmed copies whose Jaccard is low but containment high;
//   - lead shingles: pairs sharing most of their opening, for copies too
//     short to carry anchors.
#pragma once

#include <cstdint>
#include <vector>

#include "index/shared_keys.h"
#include "reprint/dedup.h"

namespace reprint::pipeline {

struct CandidateKeys {
  index::DocumentKeys bands;
  index::DocumentKeys anchors;
  index::DocumentKeys leads;
};

// Consumes *keys (released as they are used) and returns the distinct
// candidate pairs as index::PackPair(a, b), a < b, sorted.
std::vector<uint64_t> GenerateCandidates(CandidateKeys* keys, const DedupOptions& options, unsigned threads,
                                         DedupStats* stats);

}  // namespace reprint::pipeline
