#include "read/binary_sniff.h"

#include <cstdint>
#include <cstring>

namespace reprint::read {
namespace {

bool IsControl(uint32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1b) ||
         c == 0x7f;
}

// UTF-16 with a byte order mark: the same rule over 16-bit units, so a
// UTF-16 HTML file is read (the extract and clean stages decode it).
bool LooksBinaryUtf16(const unsigned char* p, size_t size, bool big_endian) {
  size_t units = 0, control = 0;
  for (size_t i = 2; i + 1 < size; i += 2, ++units) {
    const uint32_t unit = big_endian ? (p[i] << 8 | p[i + 1]) : (p[i + 1] << 8 | p[i]);
    if (unit == 0) return true;
    if (IsControl(unit)) ++control;
  }
  return control * 10 > units * 3;
}

}  // namespace

bool LooksBinary(const char* data, size_t size) {
  if (size == 0) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  if (size >= 2 && p[0] == 0xFF && p[1] == 0xFE) return LooksBinaryUtf16(p, size, /*big_endian=*/false);
  if (size >= 2 && p[0] == 0xFE && p[1] == 0xFF) return LooksBinaryUtf16(p, size, /*big_endian=*/true);
  if (std::memchr(data, '\0', size) != nullptr) return true;
  size_t control = 0;
  for (size_t i = 0; i < size; ++i) {
    if (IsControl(p[i])) ++control;
  }
  return control * 10 > size * 3;
}

}  // namespace reprint::read

namespace reprint::read {

bool IsBlank(const char* data, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    const char c = data[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r') return false;
  }
  return true;
}

}  // namespace reprint::read
