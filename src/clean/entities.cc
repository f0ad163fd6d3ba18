#include "clean/entities.h"

#include <myhtml/charef.h>

#include <algorithm>
#include <cstring>

#include "clean/utf8.h"

namespace reprint::clean {
namespace {

// The longest HTML5 name is "CounterClockwiseContourIntegral" (31 letters);
// legacy names usable without ';' have at most 6.
constexpr size_t kMaxNameLength = 32;
constexpr size_t kMaxLegacyLength = 6;

// HTML5 reads numeric references 128-159 as Windows-1252; the five holes
// in that code page stay C1 controls.
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

constexpr char32_t kReplacement = 0xFFFD;

inline bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct Reference {
  size_t length = 0;  // bytes consumed, including '&'; 0: not a reference
  char32_t cp[2] = {0, 0};
  int count = 0;  // code points in cp
};

char32_t NormalizeNumeric(char32_t v) {
  if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return kReplacement;
  if (v >= 0x80 && v <= 0x9F) return kWindows1252[v - 0x80];
  return v;
}

// p[0] == '&', p[1] == '#'.
Reference ParseNumeric(const char* p, size_t avail) {
  Reference ref;
  size_t i = 2;
  const bool hex = i < avail && (p[i] == 'x' || p[i] == 'X');
  if (hex) ++i;
  const size_t digits_start = i;
  char32_t value = 0;
  for (; i < avail; ++i) {
    const int d = hex ? HexValue(p[i]) : (p[i] >= '0' && p[i] <= '9' ? p[i] - '0' : -1);
    if (d < 0) break;
    // Saturate instead of overflowing: anything past U+10FFFF is invalid anyway.
    value = std::min<char32_t>(value * (hex ? 16 : 10) + d, 0x110000);
  }
  if (i == digits_start) return ref;
  if (i < avail && p[i] == ';') ++i;
  ref.length = i;
  ref.cp[0] = NormalizeNumeric(value);
  ref.count = 1;
  return ref;
}

bool Lookup(const char* name, size_t size, Reference* ref) {
  size_t offset = 0, data_size = 0;
  const charef_entry_t* e = myhtml_charef_find(name, &offset, size, &data_size);
  if (e == nullptr || e->codepoints_len == 0 || offset != size) return false;
  ref->count = static_cast<int>(std::min<size_t>(e->codepoints_len, 2));
  for (int k = 0; k < ref->count; ++k) ref->cp[k] = static_cast<char32_t>(e->codepoints[k]);
  return true;
}

// p[0] == '&'.
Reference ParseNamed(const char* p, size_t avail) {
  Reference ref;
  size_t len = 0;
  while (1 + len < avail && len <= kMaxNameLength && IsAsciiAlnum(p[1 + len])) ++len;
  if (len == 0) return ref;
  if (1 + len < avail && p[1 + len] == ';' && Lookup(p + 1, len + 1, &ref)) {
    ref.length = len + 2;
    return ref;
  }
  // Without an exact match, HTML5 takes the longest legacy name that
  // prefixes the text ("&copy2017" is "©2017").
  for (size_t k = std::min(len, kMaxLegacyLength); k >= 2; --k) {
    if (Lookup(p + 1, k, &ref)) {
      ref.length = k + 1;
      return ref;
    }
  }
  return ref;
}

Reference ParseReference(const char* p, size_t avail) {
  if (avail >= 2 && p[1] == '#') return ParseNumeric(p, avail);
  return ParseNamed(p, avail);
}

inline bool IsMarkupCharacter(char32_t c) {
  return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
}

inline bool IsDroppedControl(char32_t c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

}  // namespace

bool DecodeEntitiesOnce(std::string_view in, EntityMode mode, std::string* out) {
  const char* p = in.data();
  const size_t n = in.size();
  bool decoded = false;
  size_t i = 0;
  while (i < n) {
    const void* amp = std::memchr(p + i, '&', n - i);
    if (amp == nullptr) break;
    const size_t at = static_cast<const char*>(amp) - p;
    out->append(p + i, at - i);
    const Reference ref = ParseReference(p + at, n - at);
    if (ref.length == 0 ||
        (mode == EntityMode::kMarkupSafe && ref.count == 1 && IsMarkupCharacter(ref.cp[0]))) {
      const size_t keep = ref.length == 0 ? 1 : ref.length;
      out->append(p + at, keep);
      i = at + keep;
      continue;
    }
    for (int k = 0; k < ref.count; ++k) {
      if (!IsDroppedControl(ref.cp[k])) AppendUtf8(ref.cp[k], out);
    }
    decoded = true;
    i = at + ref.length;
  }
  if (i < n) out->append(p + i, n - i);
  return decoded;
}

bool DecodeEntities(std::string_view in, EntityMode mode, int max_rounds, std::string* out,
                    std::string* scratch) {
  out->clear();
  if (max_rounds <= 0 || std::memchr(in.data(), '&', in.size()) == nullptr) {
    out->append(in);
    return false;
  }
  if (!DecodeEntitiesOnce(in, mode, out)) return false;
  for (int round = 1; round < max_rounds; ++round) {
    if (std::memchr(out->data(), '&', out->size()) == nullptr) break;
    scratch->clear();
    if (!DecodeEntitiesOnce(*out, mode, scratch)) break;
    out->swap(*scratch);
  }
  return true;
}

EntityStats CountEntities(std::string_view in) {
  EntityStats stats;
  const char* p = in.data();
  const size_t n = in.size();
  size_t i = 0;
  while (i < n) {
    const void* amp = std::memchr(p + i, '&', n - i);
    if (amp == nullptr) break;
    const size_t at = static_cast<const char*>(amp) - p;
    const Reference ref = ParseReference(p + at, n - at);
    if (ref.length == 0) {
      i = at + 1;
      continue;
    }
    ++stats.references;
    const char32_t c = ref.cp[0];
    if (ref.count == 1 && c < 0x80 && !IsMarkupCharacter(c) &&
        (c == '\t' || c == '\n' || (c > ' ' && !IsAsciiAlnum(static_cast<char>(c))))) {
      ++stats.needless;
      const size_t end = at + ref.length;
      if ((c == '/' && at > 0 && p[at - 1] == '<') ||
          (c == '=' && end < n && (p[end] == '"' || p[end] == '\''))) {
        ++stats.in_markup;
      }
    }
    i = at + ref.length;
  }
  return stats;
}

bool LooksEntityEncodedMarkup(std::string_view html) {
  if (html.find('&') == std::string_view::npos) return false;
  const EntityStats stats = CountEntities(html);
  return stats.in_markup >= 2 || (stats.needless >= 20 && stats.needless * 200 >= html.size());
}

}  // namespace reprint::clean
