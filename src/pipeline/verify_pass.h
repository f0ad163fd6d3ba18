// Verification: exact Jaccard and containment of candidate pairs on their
// full shingle sets. Sets are not kept from pass 1 (they would cost several
// KB per document); instead the input is read again and each set is held only
// from its document's arrival until its last partner has been scored.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reprint/dedup.h"

namespace reprint::pipeline {

// Fills (*scores)[i] for pairs[i] (index::PackPair, a < b, distinct).
// `in_memory`, when not null, holds every document's shingle set and the
// input is not read again.
Status ScorePairs(const std::vector<std::string>& inputs, const DedupOptions& options, unsigned threads, int pass,
                  const std::vector<uint64_t>& pairs, const std::vector<ShingleSet>* in_memory,
                  std::vector<PairScores>* scores);

}  // namespace reprint::pipeline
