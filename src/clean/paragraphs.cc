#include "clean/paragraphs.h"

#include <cstring>

namespace reprint::clean {
namespace {

// Space, \t \n \v \f \r. Everything below 0x20 that survives UTF-8
// sanitising is one of these.
inline bool IsSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

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
  size_t i = 0;
  while (i < n) {
    // Whitespace run.
    int newlines = 0;
    size_t ws = i;
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
    if (i > ws) {
      if (blank_line_breaks && newlines >= 2) {
        Break();
      } else {
        pending_space_ = true;
      }
    }
    // Word run: copied in one piece.
    const size_t word = i;
    while (i < n && !IsSpace(p[i]) && !(p[i] == 0xC2 && i + 1 < n && p[i + 1] == 0xA0)) ++i;
    if (i > word) {
      if (pending_space_ && text_.size() > open_begin_) text_.push_back(' ');
      pending_space_ = false;
      text_.append(text.data() + word, i - word);
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
