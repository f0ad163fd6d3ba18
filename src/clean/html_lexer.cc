#include "clean/html_lexer.h"

#include <cstring>

#include "clean/html_tags.h"

namespace reprint::clean {
namespace {

inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

inline bool IsNameChar(char c) {
  return IsAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
}

inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// Position of "</name" (any case) at or after `pos`, or npos.
size_t FindEndTag(std::string_view html, size_t pos, std::string_view name) {
  while (pos < html.size()) {
    const void* lt = std::memchr(html.data() + pos, '<', html.size() - pos);
    if (lt == nullptr) return std::string_view::npos;
    const size_t at = static_cast<const char*>(lt) - html.data();
    if (at + 2 + name.size() <= html.size() && html[at + 1] == '/' &&
        EqualsNoCase(html.substr(at + 2, name.size()), name)) {
      return at;
    }
    pos = at + 1;
  }
  return std::string_view::npos;
}

}  // namespace

size_t HtmlLexer::SkipToTagEnd(size_t pos) const {
  // Quoted attribute values may hold '>'.
  while (pos < html_.size()) {
    const char c = html_[pos];
    if (c == '>') return pos + 1;
    if ((c == '"' || c == '\'') && pos > 0 && html_[pos - 1] == '=') {
      const void* q = std::memchr(html_.data() + pos + 1, c, html_.size() - pos - 1);
      if (q == nullptr) return html_.size();
      pos = static_cast<const char*>(q) - html_.data() + 1;
      continue;
    }
    ++pos;
  }
  return html_.size();
}

HtmlLexer::Token HtmlLexer::LexTag(size_t lt) {
  Token tok;
  size_t i = lt + 1;
  const bool end_tag = html_[i] == '/';
  if (end_tag) ++i;
  const size_t name_begin = i;
  while (i < html_.size() && IsNameChar(html_[i])) ++i;
  tok.name = html_.substr(name_begin, i - name_begin);
  pos_ = SkipToTagEnd(i);
  tok.kind = end_tag ? Kind::kEndTag : Kind::kStartTag;
  tok.self_closing = !end_tag && pos_ >= 2 && html_[pos_ - 1] == '>' && html_[pos_ - 2] == '/';
  if (!end_tag && !tok.self_closing && (TagFlagsOf(tok.name) & kTagRawText)) {
    raw_end_name_ = tok.name;
  }
  return tok;
}

HtmlLexer::Token HtmlLexer::Next() {
  Token tok;
  if (!raw_end_name_.empty()) {
    const size_t end = FindEndTag(html_, pos_, raw_end_name_);
    const size_t stop = end == std::string_view::npos ? html_.size() : end;
    tok.kind = Kind::kRawText;
    tok.name = raw_end_name_;
    tok.text = html_.substr(pos_, stop - pos_);
    pos_ = stop;
    raw_end_name_ = {};
    return tok;
  }
  size_t start = pos_;
  while (pos_ < html_.size()) {
    const void* lt = std::memchr(html_.data() + pos_, '<', html_.size() - pos_);
    if (lt == nullptr) {
      pos_ = html_.size();
      break;
    }
    const size_t at = static_cast<const char*>(lt) - html_.data();
    const char next = at + 1 < html_.size() ? html_[at + 1] : '\0';
    const bool tag = IsAsciiAlpha(next) ||
                     (next == '/' && at + 2 < html_.size() && IsAsciiAlpha(html_[at + 2]));
    const bool markup = tag || next == '!' || next == '?' || next == '/';
    if (!markup) {  // a literal '<' in text
      pos_ = at + 1;
      continue;
    }
    if (at > start) {  // emit the text first; the tag comes next call
      pos_ = at;
      tok.kind = Kind::kText;
      tok.text = html_.substr(start, at - start);
      return tok;
    }
    if (tag) return LexTag(at);
    if (html_.substr(at, 4) == "<!--") {
      const size_t close = html_.find("-->", at + 4);
      pos_ = close == std::string_view::npos ? html_.size() : close + 3;
    } else {  // doctype, processing instruction, bogus comment
      const void* gt = std::memchr(html_.data() + at, '>', html_.size() - at);
      pos_ = gt ? static_cast<const char*>(gt) - html_.data() + 1 : html_.size();
    }
    start = pos_;  // a loop, not recursion: pages may hold 100,000 comments
  }
  if (pos_ > start) {
    tok.kind = Kind::kText;
    tok.text = html_.substr(start, pos_ - start);
  }
  return tok;
}

size_t EstimateHtmlDepth(std::string_view html, size_t limit) {
  HtmlLexer lexer(html);
  size_t depth = 0, max_depth = 0;
  constexpr uint8_t kNoDepth = kTagVoid | kTagNoNest | kTagRawText;
  for (;;) {
    const HtmlLexer::Token tok = lexer.Next();
    if (tok.kind == HtmlLexer::Kind::kEnd) break;
    if (tok.kind == HtmlLexer::Kind::kStartTag) {
      if (tok.self_closing || (TagFlagsOf(tok.name) & kNoDepth)) continue;
      if (++depth > max_depth) max_depth = depth;
      if (max_depth > limit) break;
    } else if (tok.kind == HtmlLexer::Kind::kEndTag) {
      if (depth > 0 && !(TagFlagsOf(tok.name) & kNoDepth)) --depth;
    }
  }
  return max_depth;
}

}  // namespace reprint::clean
