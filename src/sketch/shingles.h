// Word n-gram shingles over token hashes.
#pragma once

#include <cstdint>
#include <vector>

namespace reprint::sketch {

// Replaces *out with the hash of every window of `n` consecutive tokens, in
// text order (duplicates kept). A text with 1..n-1 tokens yields one shingle
// of all its tokens, so short texts still have a fingerprint.
// REQUIRES: n >= 1.
void HashShingles(const std::vector<uint64_t>& token_hashes, int n, std::vector<uint64_t>* out);

// Sorts and deduplicates *hashes in place.
void SortUnique(std::vector<uint64_t>* hashes);

}  // namespace reprint::sketch
