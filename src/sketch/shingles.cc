#include "sketch/shingles.h"

#include <algorithm>

#include "util/hash_mix.h"

namespace reprint::sketch {

void HashShingles(const std::vector<uint64_t>& tokens, int n, std::vector<uint64_t>* out) {
  out->clear();
  const size_t width = static_cast<size_t>(n);
  if (tokens.empty()) return;
  if (tokens.size() < width) {
    uint64_t h = tokens.size();
    for (uint64_t t : tokens) h = HashCombine(h, t);
    out->push_back(Mix64(h));
    return;
  }
  out->resize(tokens.size() - width + 1);
  uint64_t* dst = out->data();
  const uint64_t* src = tokens.data();
  for (size_t i = 0; i + width <= tokens.size(); ++i) {
    uint64_t h = width;
    for (size_t j = 0; j < width; ++j) h = HashCombine(h, src[i + j]);
    dst[i] = Mix64(h);
  }
}

void SortUnique(std::vector<uint64_t>* hashes) {
  std::sort(hashes->begin(), hashes->end());
  hashes->erase(std::unique(hashes->begin(), hashes->end()), hashes->end());
}

}  // namespace reprint::sketch
