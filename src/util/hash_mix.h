// Small integer mixers shared by the sketch and index stages. XXH3 hashes
// bytes; these only scramble values that are already hashes, where a full
// XXH3 call would cost several times more on the hot path.
#pragma once

#include <bit>
#include <cstdint>

namespace reprint {

// MurmurHash3's 64-bit finaliser: a bijection with full avalanche.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t Rotl64(uint64_t x, int r) { return std::rotl(x, r); }

// Combines a running hash with the next value (order-dependent).
inline uint64_t HashCombine(uint64_t h, uint64_t v) {
  return (Rotl64(h, 27) ^ v) * 0x9E3779B97F4A7C15ULL;
}

}  // namespace reprint
