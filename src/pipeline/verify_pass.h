// Verification: exact Jaccard and containment of candidate pairs on their
// full shingle sets.
//
// Sets are not kept from pass 1 (several KB per document); instead the input
// is read again and each set is held only from its document's arrival until
// its last partner has been scored. Copies can lie anywhere in the input, so
// what must be held at once can still be large: the pairs are split into
// windows of first members whose held sets fit in a memory budget, and each
// window is one more read of the input (stopping after its last partner).
//
// Sets are held as the low 32 bits of the shingle hashes, sorted: half the
// memory, and a chance collision between two distinct shingles of a pair has
// probability |A||B| / 2^32 (4e-5 for two 400-word articles).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reprint/dedup.h"

namespace reprint::pipeline {

using CompactShingles = std::vector<uint32_t>;  // see Fingerprinter::CompactShingles

PairScores CompareCompact(const CompactShingles& a, const CompactShingles& b);

struct PairsToScore {
  const std::vector<uint64_t>* pairs = nullptr;          // index::PackPair(a, b), a < b, sorted, distinct
  const std::vector<uint32_t>* shingle_counts = nullptr;  // per document, to plan memory
  const std::vector<CompactShingles>* in_memory = nullptr;  // when set, no re-read (stdin input)
};

// Fills (*scores)[i] for (*work.pairs)[i].
// Counts the reads of the input in stats->verify_reads.
Status ScorePairs(const std::vector<std::string>& inputs, const DedupOptions& options, unsigned threads, int pass,
                  const PairsToScore& work, std::vector<PairScores>* scores, DedupStats* stats);

}  // namespace reprint::pipeline
