// Fingerprinter: clean text -> normalised word tokens -> word n-gram shingles
// (64-bit XXH3 hashes) -> a Fingerprint:
//   - exact_hash: XXH3 of the normalised token stream (exact duplicates);
//   - sketch: one-permutation MinHash with optimal densification
//     (Shrivastava, ICML 2017): one hash per shingle instead of num_perm,
//     so sketching costs O(shingles + num_perm). Estimator:
//     J^ = (equal bins) / num_perm, unbiased, standard error close to
//     sqrt(J(1-J)/num_perm) (0.044 at J=0.5, num_perm=128);
//   - anchors: the shingles whose hash falls below a fixed threshold (1 in
//     2^anchor_rate_log2). Sampling by a fixed threshold is consistent across
//     documents, so a copy's anchors are a subset of its source's: this finds
//     trimmed copies whose Jaccard is far below the threshold;
//   - lead: the text's opening shingles. News is cut from the bottom (the
//     inverted pyramid), so a short trimmed copy keeps its source's opening
//     even when it is too short to hold anchors.
//
// Normalisation: NFKC case folding (ICU, ASCII fast path), curly quotes and
// dashes unified, tokens split at word boundaries; scripts written without
// spaces are segmented with ICU's dictionary word breaker (Thai, Lao, Khmer,
// Myanmar) or per character (Han, Hiragana, Katakana).
//
// Thread safety: a Fingerprinter keeps reusable buffers: one per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace reprint {

struct FingerprintOptions {
  int shingle_size = 5;           // words per shingle
  int num_perm = 128;             // sketch bins
  int anchor_rate_log2 = 4;       // 1 in 16 shingles is an anchor
  int lead_shingles = 3;          // opening shingles kept to find copies cut from the bottom
  uint64_t seed = 0x5245505249ULL;  // changes every hash; stored in index files
};

// Sorted, distinct 64-bit shingle hashes of one document.
using ShingleSet = std::vector<uint64_t>;

struct Fingerprint {
  uint64_t exact_hash = 0;
  uint32_t token_count = 0;
  uint32_t shingle_count = 0;     // shingle windows (not deduplicated: that would cost a sort)
  std::vector<uint32_t> sketch;   // num_perm values; empty iff shingle_count == 0
  std::vector<uint64_t> anchors;  // sorted, distinct
  std::vector<uint64_t> lead;     // the first lead_shingles distinct shingles, in text order
};

class Fingerprinter {
 public:
  explicit Fingerprinter(const FingerprintOptions& options = FingerprintOptions());
  ~Fingerprinter();
  Fingerprinter(const Fingerprinter&) = delete;
  Fingerprinter& operator=(const Fingerprinter&) = delete;

  const FingerprintOptions& options() const { return options_; }
  // Also fills *compact_shingles (see CompactShingles) when not null, from the
  // same tokenisation.
  void Compute(std::string_view text, Fingerprint* out, std::vector<uint32_t>* compact_shingles = nullptr);
  // The document's full shingle set, for exact verification.
  void Shingles(std::string_view text, ShingleSet* out);
  // The same set as the low 32 bits of each hash, sorted and distinct: half
  // the memory, at a chance-collision rate of |A||B| / 2^32 between two sets.
  void CompactShingles(std::string_view text, std::vector<uint32_t>* out);

 private:
  void CompactCurrentShingles(std::vector<uint32_t>* out);

  struct Impl;
  FingerprintOptions options_;
  std::unique_ptr<Impl> impl_;
};

// Returns the sketch estimate of the Jaccard similarity.
// REQUIRES: a.sketch.size() == b.sketch.size().
double EstimateJaccard(const Fingerprint& a, const Fingerprint& b);

}  // namespace reprint
