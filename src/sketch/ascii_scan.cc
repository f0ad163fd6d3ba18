#include "sketch/ascii_scan.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace reprint::sketch {
namespace {

#if defined(__SSE2__)
// Bit i set iff p[i] is an ASCII letter or digit; *high gets bytes >= 0x80.
inline uint32_t WordMask16(const unsigned char* p, uint32_t* high) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Signed compares are safe: bytes >= 0x80 are negative and match nothing.
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
  const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
  const __m128i alpha =
      _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
  *high = static_cast<uint32_t>(_mm_movemask_epi8(v));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(digit, alpha)));
}
#else
inline uint32_t WordMask16(const unsigned char* p, uint32_t* high) {
  uint32_t word = 0;
  *high = 0;
  for (int i = 0; i < 16; ++i) {
    const unsigned char c = p[i], lower = c | 0x20;
    if ((c >= '0' && c <= '9') || (lower >= 'a' && lower <= 'z')) word |= 1u << i;
    if (c >= 0x80) *high |= 1u << i;
  }
  return word;
}
#endif

}  // namespace

void AsciiMasks::BuildBlock(const unsigned char* block64, size_t index) {
  uint64_t word = 0, high = 0;
  for (int part = 0; part < 4; ++part) {
    uint32_t h;
    const uint64_t w = WordMask16(block64 + 16 * part, &h);
    word |= w << (16 * part);
    high |= uint64_t{h} << (16 * part);
  }
  word_[index] = word;
  candidate_[index] = word | high;
}

void AsciiMasks::Build(const unsigned char* text, size_t size) {
  size_ = size;
  const size_t blocks = (size + 63) / 64;
  word_.resize(blocks);
  candidate_.resize(blocks);
  const size_t full = size / 64;
  for (size_t b = 0; b < full; ++b) BuildBlock(text + 64 * b, b);
  if (full < blocks) {
    unsigned char tail[64] = {0};  // zero padding is neither word nor candidate
    std::memcpy(tail, text + 64 * full, size - 64 * full);
    BuildBlock(tail, full);
  }
}

}  // namespace reprint::sketch
