// ParagraphBuilder collects text into paragraphs with whitespace collapsed:
// the common output format of the HTML walker, the tag-stripping fallback
// and the plain-text splitter.
//
// Paragraphs are stored back to back in one buffer, separated by "\n\n", so
// that any contiguous range of them is already the final text (no copy per
// paragraph, no allocation per token once the buffers have grown).
//
// Thread safety: none; one builder per Cleaner.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reprint::clean {

class ParagraphBuilder {
 public:
  struct Span {
    size_t begin;
    size_t end;
  };

  // Forgets all paragraphs; keeps the buffers' capacity.
  void Clear();

  // Appends text to the open paragraph. Runs of ASCII whitespace and
  // U+00A0 become one space; leading and trailing spaces are dropped.
  // When `blank_line_breaks`, a whitespace run holding two or more line
  // breaks ends the paragraph instead (plain text blocks).
  void Append(std::string_view text, bool blank_line_breaks = false);

  // Ends the open paragraph, if it holds any text.
  void Break();

  // REQUIRES: Break() was called after the last Append().
  const std::vector<Span>& paragraphs() const { return spans_; }
  std::string_view paragraph(size_t i) const {
    return std::string_view(text_).substr(spans_[i].begin, spans_[i].end - spans_[i].begin);
  }
  // Paragraphs [first, last) joined by "\n\n". REQUIRES: first < last.
  std::string_view Range(size_t first, size_t last) const {
    return std::string_view(text_).substr(spans_[first].begin,
                                          spans_[last - 1].end - spans_[first].begin);
  }
  size_t text_bytes() const { return text_bytes_; }

 private:
  std::string text_;
  std::vector<Span> spans_;
  size_t open_begin_ = 0;     // where the open paragraph starts in text_
  bool pending_space_ = false;
  size_t text_bytes_ = 0;     // bytes of paragraph text, separators excluded
};

// Splits plain text into paragraphs. Blank lines separate paragraphs and the
// line breaks inside one are folded into spaces (hard-wrapped text); a text
// without any blank line is taken to hold one paragraph per line.
void SplitPlainText(std::string_view text, ParagraphBuilder* builder);

}  // namespace reprint::clean
