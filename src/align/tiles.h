// Seeding: the maximal runs of equal words shared by two texts, found from
// hashed word n-grams and kept without overlap, longest first (greedy string
// tiling, as in plagiarism detectors). A tile is a run of identical
// normalised words; everything fuzzier is left to the word aligner.
#pragma once

#include <cstdint>
#include <vector>

namespace reprint::align {

// Words a[a, a + length) equal words b[b, b + length).
struct Tile {
  uint32_t a = 0;
  uint32_t b = 0;
  uint32_t length = 0;
  uint32_t a_end() const { return a + length; }
  uint32_t b_end() const { return b + length; }
};

// Returns tiles of at least `seed_words` words, no two sharing a word of
// either text, in order of b. N-grams seen more than `max_occurrences` times
// in `a` do not seed. Time: linear in the texts plus the total tile length.
// REQUIRES: seed_words >= 1, max_occurrences >= 1.
std::vector<Tile> FindTiles(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b, int seed_words,
                            int max_occurrences);

}  // namespace reprint::align
