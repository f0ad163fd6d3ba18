// LSD radix sort for 32-bit keys, used on per-document shingle sets (a few
// hundred to a few thousand values) where it is 2-3x faster than std::sort.
// Hand-written: the only packaged alternative is Boost's spreadsort, and a
// whole Boost dependency for ~30 lines was not worth it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace reprint {

// Sorts *values ascending; *scratch is reused between calls.
inline void RadixSort32(std::vector<uint32_t>* values, std::vector<uint32_t>* scratch) {
  const size_t n = values->size();
  if (n < 64) {
    std::sort(values->begin(), values->end());
    return;
  }
  scratch->resize(n);
  uint32_t* from = values->data();
  uint32_t* to = scratch->data();
  for (int shift = 0; shift < 32; shift += 8) {
    size_t counts[257] = {0};
    for (size_t i = 0; i < n; ++i) ++counts[((from[i] >> shift) & 0xFF) + 1];
    for (int b = 0; b < 256; ++b) counts[b + 1] += counts[b];
    for (size_t i = 0; i < n; ++i) to[counts[(from[i] >> shift) & 0xFF]++] = from[i];
    std::swap(from, to);
  }
  // Four passes: the sorted data is back in *values.
}

}  // namespace reprint
