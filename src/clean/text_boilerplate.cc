#include "clean/text_boilerplate.h"

#include <algorithm>

namespace reprint::clean {
namespace {

constexpr size_t kMinProseWords = 4;
constexpr size_t kLongParagraphWords = 25;
constexpr size_t kMinTitleWords = 3;
constexpr size_t kMaxTitleWords = 30;

// Paragraphs are whitespace-collapsed: words are spaces + 1.
size_t CountWords(std::string_view p) {
  if (p.empty()) return 0;
  return static_cast<size_t>(std::count(p.begin(), p.end(), ' ')) + 1;
}

bool HasSuffix(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Drops closing quotes and brackets: `said.”` ends a sentence.
std::string_view StripClosers(std::string_view p) {
  static constexpr std::string_view kClosers[] = {"\"", "'", ")", "]", "\u201D", "\u2019",
                                                  "\u00BB", "\u203A", " "};
  bool stripped = true;
  while (stripped && !p.empty()) {
    stripped = false;
    for (std::string_view c : kClosers) {
      if (HasSuffix(p, c)) {
        p.remove_suffix(c.size());
        stripped = true;
      }
    }
  }
  return p;
}

bool EndsSentence(std::string_view p) {
  p = StripClosers(p);
  if (p.empty()) return false;
  const char last = p.back();
  if (last == '.' || last == '!' || last == '?') return true;
  static constexpr std::string_view kFinal[] = {"\u2026", "\u3002", "\uFF01", "\uFF1F"};
  for (std::string_view f : kFinal) {
    if (HasSuffix(p, f)) return true;
  }
  return false;
}

bool ContainsIgnoringAsciiCase(std::string_view text, std::string_view lower_needle) {
  if (text.size() < lower_needle.size()) return false;
  for (size_t i = 0; i + lower_needle.size() <= text.size(); ++i) {
    size_t j = 0;
    while (j < lower_needle.size() && (text[i + j] | 0x20) == lower_needle[j]) ++j;
    if (j == lower_needle.size()) return true;
  }
  return false;
}

// Copyright and rights notices end like sentences but are page furniture.
bool IsLegalNotice(std::string_view p) {
  if (p.size() > 300) return false;
  return p.find("\u00A9") != std::string_view::npos || ContainsIgnoringAsciiCase(p, "all rights reserved") ||
         ContainsIgnoringAsciiCase(p.substr(0, 10), "copyright");
}

}  // namespace

bool IsProse(std::string_view paragraph) {
  if (IsLegalNotice(paragraph)) return false;
  const size_t words = CountWords(paragraph);
  return words >= kLongParagraphWords || (words >= kMinProseWords && EndsSentence(paragraph));
}

TrimResult TrimBoilerplate(const ParagraphBuilder& builder) {
  const size_t n = builder.paragraphs().size();
  TrimResult r;
  r.last = n;
  if (n == 0) return r;
  // Only whole edges are cut: a short line between prose paragraphs is a
  // subheading or a one-sentence paragraph of the article, and stays.
  size_t first = 0;
  while (first < n && !IsProse(builder.paragraph(first))) ++first;
  if (first == n) return r;  // nothing reads like prose: keep everything
  size_t last = n;
  while (!IsProse(builder.paragraph(last - 1))) --last;
  // Keep everything rather than a sliver of prose amid lines that are not
  // (a table of figures, a list): the sliver is more likely chrome.
  size_t kept = 0;
  for (size_t i = first; i < last; ++i) kept += builder.paragraph(i).size();
  if (kept * 4 < builder.text_bytes() && CountWords(builder.Range(first, last)) < 20) return r;

  r.first = first;
  r.last = last;
  size_t best_bytes = 0;
  for (size_t i = 0; i < first; ++i) {
    const std::string_view p = builder.paragraph(i);
    const size_t words = CountWords(p);
    if (words >= kMinTitleWords && words <= kMaxTitleWords && p.size() > best_bytes) {
      best_bytes = p.size();
      r.title = i;
    }
  }
  return r;
}

}  // namespace reprint::clean
