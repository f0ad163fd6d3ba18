#include "clean/utf8.h"

#include <cstdint>
#include <cstring>

namespace reprint::clean {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;
constexpr uint64_t kOnes = 0x0101010101010101ULL;

// True iff some byte of `w` (all bytes < 0x80) is below 0x20. The classic
// "has byte less than n" bit trick; exact when no byte has its top bit set.
inline bool HasByteBelow0x20(uint64_t w) { return ((w - kOnes * 0x20) & ~w & kHighBits) != 0; }

inline bool IsDroppedControl(unsigned char c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

// Length of the valid UTF-8 sequence starting at p[0] (a non-ASCII byte),
// or 0 when it is ill-formed; *subpart is then the length of the maximal
// ill-formed subpart to replace by one U+FFFD (at least 1).
size_t ValidSequenceLength(const unsigned char* p, size_t avail, size_t* subpart) {
  const unsigned char c = p[0];
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    *subpart = 1;
    return 0;
  }
  for (size_t i = 1; i < need; ++i) {
    const unsigned char lower = (i == 1) ? lo : 0x80;
    const unsigned char upper = (i == 1) ? hi : 0xBF;
    if (i >= avail || p[i] < lower || p[i] > upper) {
      *subpart = i;
      return 0;
    }
  }
  return need;
}

}  // namespace

bool IsCleanUtf8(std::string_view in) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if ((w & kHighBits) == 0 && !HasByteBelow0x20(w)) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (IsDroppedControl(c)) return false;
      ++i;
      continue;
    }
    size_t subpart;
    const size_t len = ValidSequenceLength(p + i, n - i, &subpart);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

Utf8Kind ClassifyUtf8(std::string_view in) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t multibyte = 0, invalid = 0;
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if ((w & kHighBits) == 0) {
        i += 8;
        continue;
      }
    }
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    size_t subpart;
    const size_t len = ValidSequenceLength(p + i, n - i, &subpart);
    if (len == 0) {
      ++invalid;
      i += subpart;
      continue;
    }
    ++multibyte;
    i += len;
  }
  if (invalid > 0 && invalid >= multibyte) return Utf8Kind::kInvalid;
  return multibyte > 0 ? Utf8Kind::kUtf8 : Utf8Kind::kAscii;
}

bool SanitizeUtf8(std::string_view in, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  out->reserve(out->size() + n);
  bool repaired = false;
  size_t run = 0;  // start of the pending run of bytes copied verbatim
  size_t i = 0;
  auto flush = [&](size_t end) { out->append(in.data() + run, end - run); };
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if ((w & kHighBits) == 0 && !HasByteBelow0x20(w)) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (IsDroppedControl(c)) {
        flush(i);
        run = i + 1;
      }
      ++i;
      continue;
    }
    size_t subpart;
    const size_t len = ValidSequenceLength(p + i, n - i, &subpart);
    if (len != 0) {
      i += len;
      continue;
    }
    flush(i);
    out->append("\xEF\xBF\xBD");
    repaired = true;
    i += subpart;
    run = i;
  }
  flush(n);
  return repaired;
}

void AppendUtf8(char32_t cp, std::string* out) {
  char buf[4];
  size_t len;
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    len = 1;
  } else if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 2;
  } else if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (cp >> 18));
    buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 4;
  }
  out->append(buf, len);
}

}  // namespace reprint::clean
