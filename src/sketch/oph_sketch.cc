#include "sketch/oph_sketch.h"

#include <algorithm>
#include <limits>

#include "util/hash_mix.h"

namespace reprint::sketch {

OnePermutationSketcher::OnePermutationSketcher(int num_bins, uint64_t seed)
    : num_bins_(static_cast<uint64_t>(std::max(num_bins, 1))),
      seed_(Mix64(seed)),
      bins_(num_bins_) {
  Reset();
}

void OnePermutationSketcher::Reset() {
  std::fill(bins_.begin(), bins_.end(), kEmpty);
}

void OnePermutationSketcher::Finish(std::vector<uint32_t>* sketch) const {
  sketch->clear();
  if (std::all_of(bins_.begin(), bins_.end(), [](uint32_t v) { return v == kEmpty; })) return;
  sketch->assign(bins_.begin(), bins_.end());
  for (uint64_t bin = 0; bin < num_bins_; ++bin) {
    if (bins_[bin] != kEmpty) continue;
    // Optimal densification: probe donor bins with a hash of (bin, attempt),
    // a sequence shared by all documents, until a filled one turns up.
    for (uint64_t attempt = 1;; ++attempt) {
      const uint64_t probe = Mix64(seed_ ^ (bin << 32) ^ attempt);
      const uint64_t donor = ((probe >> 32) * num_bins_) >> 32;
      if (bins_[donor] != kEmpty) {
        (*sketch)[bin] = bins_[donor];
        break;
      }
    }
  }
}

double SketchSimilarity(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

}  // namespace reprint::sketch
