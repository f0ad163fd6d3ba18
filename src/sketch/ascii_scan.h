// AsciiMasks: two bitmaps over a text, one bit per byte, built 16 bytes at a
// time: which bytes are ASCII letters/digits ("word" bytes) and which are word
// bytes or >= 0x80 (where a word may start). With them, finding the next word
// and its end costs a count-trailing-zeros per word instead of a branch per
// byte, the way simdjson finds structural characters.
//
// SSE2 is part of the x86-64 baseline, so this needs no run-time dispatch and
// the binary stays portable; other architectures build the masks with a
// scalar loop. Bytes >= 0x80 are left for the caller to classify with ICU.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace reprint::sketch {

class AsciiMasks {
 public:
  void Build(const unsigned char* text, size_t size);

  // Returns the first index >= i holding a word byte or a byte >= 0x80, or size.
  size_t NextCandidate(size_t i) const {
    if (i >= size_) return size_;
    size_t block = i >> 6;
    uint64_t m = candidate_[block] & (~uint64_t{0} << (i & 63));
    while (m == 0) {
      if (++block == candidate_.size()) return size_;
      m = candidate_[block];
    }
    return Clamp((block << 6) + static_cast<size_t>(__builtin_ctzll(m)));
  }

  // Returns the first index >= i that is not an ASCII word byte, or size.
  size_t WordEnd(size_t i) const {
    if (i >= size_) return size_;
    size_t block = i >> 6;
    uint64_t m = ~word_[block] & (~uint64_t{0} << (i & 63));
    while (m == 0) {
      if (++block == word_.size()) return size_;
      m = ~word_[block];
    }
    return Clamp((block << 6) + static_cast<size_t>(__builtin_ctzll(m)));
  }

 private:
  size_t Clamp(size_t i) const { return i < size_ ? i : size_; }
  void BuildBlock(const unsigned char* block64, size_t index);

  size_t size_ = 0;
  std::vector<uint64_t> word_;
  std::vector<uint64_t> candidate_;
};

}  // namespace reprint::sketch
