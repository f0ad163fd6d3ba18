#include "util/binary_sniff.h"

#include <cstdint>
#include <cstring>

namespace reprint {
namespace {

bool IsControl(uint32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1B) || c == 0x7F;
}

bool TooManyControls(size_t controls, size_t total) { return controls * 10 > total; }

// UTF-16 after its byte order mark, judged by 16-bit units by the same rule
// as bytes, so a UTF-16 page is read (the clean stage decodes it).
bool LooksBinaryUtf16(std::string_view sample, bool big_endian) {
  const auto* p = reinterpret_cast<const unsigned char*>(sample.data());
  size_t units = 0, controls = 0;
  for (size_t i = 2; i + 1 < sample.size(); i += 2, ++units) {
    const uint32_t unit = big_endian ? (p[i] << 8 | p[i + 1]) : (p[i + 1] << 8 | p[i]);
    if (unit == 0) return true;
    controls += IsControl(unit);
  }
  return TooManyControls(controls, units);
}

}  // namespace

bool LooksBinary(std::string_view content) {
  const std::string_view sample = content.substr(0, kBinarySniffBytes);
  if (sample.starts_with("\xFF\xFE")) return LooksBinaryUtf16(sample, /*big_endian=*/false);
  if (sample.starts_with("\xFE\xFF")) return LooksBinaryUtf16(sample, /*big_endian=*/true);
  size_t controls = 0;
  const auto count = [&controls](unsigned char c) {
    controls += IsControl(c);
    return c == 0;
  };
  // Eight bytes at a time: only words holding a byte below 0x20 or DEL are
  // looked at closely (exact for bytes below 0x80; bytes above are never
  // controls), and in text those are mostly line breaks.
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= sample.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, sample.data() + i, 8);
    const uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;
    const uint64_t del = ((w ^ (kOnes * 0x7F)) - kOnes) & ~(w ^ (kOnes * 0x7F)) & kHigh;
    if ((below_space | del) == 0) continue;
    for (size_t j = i; j < i + 8; ++j)
      if (count(static_cast<unsigned char>(sample[j]))) return true;
  }
  for (; i < sample.size(); ++i)
    if (count(static_cast<unsigned char>(sample[i]))) return true;
  return TooManyControls(controls, sample.size());
}

}  // namespace reprint
