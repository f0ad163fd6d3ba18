#include "clean/format_detect.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "clean/html_tags.h"
#include "util/binary_sniff.h"

namespace reprint::clean {
namespace {

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

}  // namespace

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
