// Batch candidate generation: documents that share a key (an LSH band or a
// containment anchor) become candidate pairs, found by sorting (key, doc)
// entries instead of keeping hash-table buckets, so memory is one flat array.
//
// Buckets larger than max_bucket are not expanded into all their pairs
// (quadratic); their members are linked as a chain of consecutive pairs so
// that true copies among them can still be verified and clustered.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace reprint::index {

// An entry packs a 32-bit key over a 32-bit document index so that sorting
// plain integers groups by key, then document.
inline uint64_t PackEntry(uint32_t key, uint32_t doc) { return (uint64_t{key} << 32) | doc; }
inline uint64_t PackPair(uint32_t a, uint32_t b) { return (uint64_t{a} << 32) | b; }
inline uint32_t PairFirst(uint64_t pair) { return static_cast<uint32_t>(pair >> 32); }
inline uint32_t PairSecond(uint64_t pair) { return static_cast<uint32_t>(pair); }

struct JoinStats {
  uint64_t buckets = 0;
  uint64_t capped_buckets = 0;
};

// Sorts *entries (using up to `threads` threads) and appends to *pairs every
// (a, b), a < b, of documents sharing a key, once per shared key (so a pair
// appears as often as the keys its documents share).
void JoinBuckets(std::vector<uint64_t>* entries, size_t max_bucket, unsigned threads,
                 std::vector<uint64_t>* pairs, JoinStats* stats);

// Sorts *pairs and replaces them by the distinct pairs; when counts != nullptr
// also fills how many times each distinct pair occurred.
void CountPairs(std::vector<uint64_t>* pairs, unsigned threads, std::vector<uint32_t>* counts);

// Sorts a large vector with up to `threads` threads (chunks sorted in
// parallel, then merged). The result equals std::sort's for any thread count.
void ParallelSort(std::vector<uint64_t>* values, unsigned threads);

}  // namespace reprint::index
