// One-permutation MinHash with optimal densification (Shrivastava, "Optimal
// Densification for Fast and Accurate Minwise Hashing", ICML 2017).
//
// Each shingle hash is used once: its high bits pick one of k bins, its low
// 32 bits compete for that bin's minimum. Bins left empty (short texts) borrow
// the value of a filled bin chosen by a probe sequence that depends only on
// the bin number and the seed, so two documents with identical filled bins
// densify identically. The fraction of equal bins estimates Jaccard with a
// standard error close to sqrt(J(1-J)/k).
//
// Thread safety: one sketcher per thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace reprint::sketch {

class OnePermutationSketcher {
 public:
  OnePermutationSketcher(int num_bins, uint64_t seed);

  void Reset();
  void Add(uint64_t shingle_hash) {
    const uint64_t h = shingle_hash ^ seed_;
    const uint32_t bin = static_cast<uint32_t>(((h >> 32) * num_bins_) >> 32);
    const uint32_t value = static_cast<uint32_t>(h);
    // Branch-free: whether a shingle lowers its bin's minimum is a coin flip
    // early on, and mispredictions would cost more than the rest of Add().
    bins_[bin] = std::min(bins_[bin], value);
  }
  // Writes the densified sketch (empty when nothing was added).
  void Finish(std::vector<uint32_t>* sketch) const;

 private:
  uint64_t num_bins_;
  uint64_t seed_;
  // A bin still holding kEmpty is empty: a shingle whose value is exactly
  // kEmpty (probability 2^-32) is treated as absent, which changes nothing
  // measurable.
  static constexpr uint32_t kEmpty = UINT32_MAX;
  std::vector<uint32_t> bins_;
};

// Fraction of equal positions. REQUIRES: a.size() == b.size() > 0.
double SketchSimilarity(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

}  // namespace reprint::sketch
