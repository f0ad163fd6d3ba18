#include "sketch/shingles.h"

#include <algorithm>

#include "util/hash_mix.h"

namespace reprint::sketch {

void HashShingles(const std::vector<uint64_t>& tokens, int n, std::vector<uint64_t>* out) {
  const size_t width = static_cast<size_t>(n);
  if (tokens.empty()) {
    out->clear();
    return;
  }
  if (tokens.size() < width) {
    uint64_t h = tokens.size();
    for (uint64_t t : tokens) h = HashCombine(h, t);
    out->assign(1, Mix64(h));
    return;
  }
  // s_i = t_i ^ rotl(t_{i+1}, 1) ^ ... ^ rotl(t_{i+n-1}, n-1), computed from the
  // end: s_i = t_i ^ rotl(s_{i+1}, 1) ^ rotl(t_{i+n}, n). Two rotations per
  // shingle instead of n multiplications; Mix64 then restores avalanche.
  const size_t count = tokens.size() - width + 1;
  out->resize(count);
  uint64_t* dst = out->data();
  const uint64_t* t = tokens.data();
  uint64_t s = 0;
  for (size_t j = 0; j < width; ++j) s ^= Rotl64(t[count - 1 + j], static_cast<int>(j % 64));
  dst[count - 1] = Mix64(s ^ width);
  for (size_t i = count - 1; i-- > 0;) {
    s = t[i] ^ Rotl64(s, 1) ^ Rotl64(t[i + width], static_cast<int>(width % 64));
    dst[i] = Mix64(s ^ width);
  }
}

void SortUnique(std::vector<uint64_t>* hashes) {
  std::sort(hashes->begin(), hashes->end());
  hashes->erase(std::unique(hashes->begin(), hashes->end()), hashes->end());
}

}  // namespace reprint::sketch
