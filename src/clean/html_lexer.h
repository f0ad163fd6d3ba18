// HtmlLexer: a minimal, linear-time HTML tokenizer without a tree.
//
// Real parsers build a tree and pay for it on pathological nesting (myhtml
// needs 1.2 s for 20,000 nested <div>, gumbo 38 s). This lexer only splits the
// input into text, start tags, end tags and raw-text bodies, in one forward
// pass with no per-token allocation, so the cleaner can afford to run it over
// any input: to measure nesting before choosing a parser, and as the
// text-keeping fallback when the tree would be too deep or too large.
// It is not HTML5-conformant (no implied end tags, no foreign content).
//
// Thread safety: a lexer is a cursor over caller-owned bytes.
#pragma once

#include <cstddef>
#include <string_view>

namespace reprint::clean {

class HtmlLexer {
 public:
  enum class Kind {
    kText,      // character data, entities not decoded
    kStartTag,  // name set; self_closing iff it ended with "/>"
    kEndTag,    // name set
    kRawText,   // body of the preceding raw-text element (script, title, ...)
    kEnd,
  };
  struct Token {
    Kind kind = Kind::kEnd;
    std::string_view name;  // tag name as written (any case)
    std::string_view text;  // kText / kRawText content
    bool self_closing = false;
  };

  explicit HtmlLexer(std::string_view html) : html_(html) {}

  // Returns the next token; comments, doctypes and processing instructions
  // are skipped. Returns kEnd forever once the input is consumed.
  Token Next();

 private:
  Token LexTag(size_t lt);
  size_t SkipToTagEnd(size_t pos) const;

  std::string_view html_;
  size_t pos_ = 0;
  std::string_view raw_end_name_;  // non-empty: next token is a raw-text body
};

// Returns an estimate of the deepest element nesting in `html`: start tags
// minus end tags, not counting void, self-closed and sibling-closed elements
// (p, li, td, ...). Stops counting once the depth exceeds `limit`.
size_t EstimateHtmlDepth(std::string_view html, size_t limit);

}  // namespace reprint::clean
