// Verification: exact Jaccard and containment of candidate pairs on their
// full shingle sets, read back from the spill file written by pass 1.
//
// Each set is held only from its document's turn in the file until its last
// partner has been scored. Copies can lie anywhere in the input, so what must
// be held at once can still be large: the pairs are split into windows of
// first members whose held sets fit in a memory budget, each window one more
// sequential read of the spill (stopping after its last partner).
#pragma once

#include <cstdint>
#include <vector>

#include "pipeline/shingle_spill.h"
#include "reprint/dedup.h"

namespace reprint::pipeline {

struct PairsToScore {
  const std::vector<uint64_t>* pairs = nullptr;          // index::PackPair(a, b), a < b, sorted, distinct
  const std::vector<uint32_t>* shingle_counts = nullptr;  // per document, to plan memory
};

// Fills (*scores)[i] for (*work.pairs)[i]; counts the reads of the spill in
// stats->verify_reads.
Status ScorePairs(ShingleSpill* spill, const DedupOptions& options, int pass, const PairsToScore& work,
                  std::vector<PairScores>* scores, DedupStats* stats);

}  // namespace reprint::pipeline
