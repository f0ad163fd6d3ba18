#include "clean/format_detect.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "clean/html_tags.h"

namespace reprint::clean {
namespace {

constexpr size_t kBinarySample = 4096;
constexpr size_t kTagSample = 64 * 1024;
constexpr size_t kMinTags = 3;

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

std::string_view SkipBomAndSpace(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r')) {
    s.remove_prefix(1);
  }
  return s;
}

// Counts "<name" / "</name" / "<&sol;name" of known elements, where the name
// ends with '>', '/', or whitespace (so "a <b" in prose hardly ever counts).
size_t CountKnownTags(std::string_view s) {
  size_t count = 0;
  for (size_t pos = 0; pos < s.size() && count < kMinTags;) {
    const void* lt = std::memchr(s.data() + pos, '<', s.size() - pos);
    if (lt == nullptr) break;
    size_t i = static_cast<const char*>(lt) - s.data() + 1;
    pos = i;
    if (i < s.size() && s[i] == '/') {
      ++i;
    } else if (s.substr(i, 5) == "&sol;") {
      i += 5;
    }
    const size_t name_begin = i;
    while (i < s.size() && i - name_begin < 16 &&
           ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
            (s[i] >= '1' && s[i] <= '6'))) {
      ++i;
    }
    if (i == name_begin || i >= s.size()) continue;
    const char end = s[i];
    if (end != '>' && end != '/' && end != ' ' && end != '\n' && end != '\t' && end != '\r') {
      continue;
    }
    if (TagFlagsOf(s.substr(name_begin, i - name_begin)) & kTagKnown) ++count;
  }
  return count;
}

bool IsControl(uint32_t c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B;
}

// UTF-16 text after its byte order mark, judged by 16-bit units by the same
// rule as bytes: a NUL unit or too many control units is binary.
bool LooksBinaryUtf16(std::string_view sample, bool big_endian) {
  const auto* p = reinterpret_cast<const unsigned char*>(sample.data());
  size_t units = 0, controls = 0;
  for (size_t i = 2; i + 1 < sample.size(); i += 2, ++units) {
    const uint32_t unit = big_endian ? (p[i] << 8 | p[i + 1]) : (p[i + 1] << 8 | p[i]);
    if (unit == 0) return true;
    if (IsControl(unit)) ++controls;
  }
  return controls * 10 > units;
}

}  // namespace

bool LooksBinary(std::string_view content) {
  const std::string_view sample = content.substr(0, kBinarySample);
  if (sample.starts_with("\xFF\xFE")) return LooksBinaryUtf16(sample, /*big_endian=*/false);
  if (sample.starts_with("\xFE\xFF")) return LooksBinaryUtf16(sample, /*big_endian=*/true);
  size_t controls = 0;
  // Eight bytes at a time: only words holding a byte below 0x20 (exact for
  // bytes below 0x80; bytes above are never controls) are looked at closely,
  // and in text those are mostly line breaks.
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= sample.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, sample.data() + i, 8);
    if (((w - kOnes * 0x20) & ~w & kHigh) == 0) continue;
    for (size_t j = i; j < i + 8; ++j) {
      const unsigned char c = static_cast<unsigned char>(sample[j]);
      if (c == 0) return true;
      if (IsControl(c)) ++controls;
    }
  }
  for (; i < sample.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(sample[i]);
    if (c == 0) return true;
    if (IsControl(c)) ++controls;
  }
  return controls * 10 > sample.size();
}

SniffedFormat SniffFormat(std::string_view content, bool check_binary) {
  if (check_binary && LooksBinary(content)) return SniffedFormat::kBinary;
  const std::string_view head = SkipBomAndSpace(content);
  for (std::string_view prefix : {"<!doctype", "<html", "<head", "<body", "<?xml", "<!--"}) {
    if (StartsWithNoCase(head, prefix)) return SniffedFormat::kHtml;
  }
  return CountKnownTags(content.substr(0, kTagSample)) >= kMinTags ? SniffedFormat::kHtml
                                                                   : SniffedFormat::kText;
}

}  // namespace reprint::clean
