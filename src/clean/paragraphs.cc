#include "clean/paragraphs.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace reprint::clean {
namespace {

// Space, \t \n \v \f \r. Everything below 0x20 that survives UTF-8
// sanitising is one of these.
inline bool IsSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Returns the first index >= i holding a byte <= 0x20 (space or control) or
// 0xC2 (the lead byte of U+00A0), 16 bytes at a time: words are copied
// between such bytes without a per-byte branch. SSE2 is x86-64 baseline.
inline size_t NextWhitespaceCandidate(const unsigned char* p, size_t i, size_t n) {
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  while (i + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, space), v);  // v <= 0x20, unsigned
    const auto mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(low, _mm_cmpeq_epi8(v, c2))));
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
    i += 16;
  }
#endif
  while (i < n && p[i] > 0x20 && p[i] != 0xC2) ++i;
  return i;
}

}  // namespace

void ParagraphBuilder::Clear() {
  text_.clear();
  spans_.clear();
  open_begin_ = 0;
  pending_space_ = false;
  text_bytes_ = 0;
}

void ParagraphBuilder::Append(std::string_view text, bool blank_line_breaks) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  text_.reserve(text_.size() + n + 2);
  size_t i = 0;
  while (i < n) {
    // Word run, up to the next whitespace: copied in one piece. Candidates
    // that are not whitespace (0xC2 leading another character, stray control
    // bytes) belong to the word.
    const size_t word = i;
    // A single space between two words is already collapsed, so the run goes
    // on through it: well-formed text is copied a line at a time.
    for (;;) {
      i = NextWhitespaceCandidate(p, i, n);
      if (i >= n) break;
      if (i > word && p[i] == ' ' && i + 1 < n && p[i + 1] > 0x20 && p[i + 1] != 0xC2) {
        i += 2;
        continue;
      }
      if (IsSpace(p[i]) || (p[i] == 0xC2 && i + 1 < n && p[i + 1] == 0xA0)) break;
      ++i;
    }
    if (i > word) {
      if (pending_space_ && text_.size() > open_begin_) text_.push_back(' ');
      pending_space_ = false;
      text_.append(text.data() + word, i - word);
    }
    if (i >= n) break;
    // Whitespace run.
    int newlines = 0;
    while (i < n) {
      if (IsSpace(p[i])) {
        newlines += p[i] == '\n';
        ++i;
      } else if (p[i] == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {
        i += 2;
      } else {
        break;
      }
    }
    if (blank_line_breaks && newlines >= 2) {
      Break();
    } else {
      pending_space_ = true;
    }
  }
}

void ParagraphBuilder::Break() {
  pending_space_ = false;
  if (text_.size() == open_begin_) return;
  spans_.push_back({open_begin_, text_.size()});
  text_bytes_ += text_.size() - open_begin_;
  text_.append("\n\n");
  open_begin_ = text_.size();
}

void SplitPlainText(std::string_view text, ParagraphBuilder* builder) {
  // Any blank line? A line holding only whitespace counts.
  bool has_blank_line = false;
  for (size_t pos = 0; pos < text.size();) {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    if (nl == nullptr) break;
    size_t j = static_cast<const char*>(nl) - text.data() + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
    if (j < text.size() && text[j] == '\n') {
      has_blank_line = true;
      break;
    }
    pos = j;
  }
  if (has_blank_line) {
    builder->Append(text, /*blank_line_breaks=*/true);
  } else {
    size_t pos = 0;
    while (pos < text.size()) {
      const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
      const size_t end = nl ? static_cast<const char*>(nl) - text.data() : text.size();
      builder->Append(text.substr(pos, end - pos));
      builder->Break();
      pos = end + 1;
    }
  }
  builder->Break();
}

}  // namespace reprint::clean
