#include "clean/meta_prescan.h"

#include <algorithm>
#include <string>

namespace reprint::clean {
namespace {

bool IsSpace(char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view lower_prefix) {
  if (s.size() - pos < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    if (Lower(s[pos + i]) != lower_prefix[i]) return false;
  }
  return true;
}

// The spec's "extract a character encoding from a meta element" on a
// content value (already lower-cased): the first "charset" followed by '=',
// its value quoted or up to whitespace or ';'.
const Encoding* EncodingFromContent(std::string_view s) {
  size_t pos = 0;
  while ((pos = s.find("charset", pos)) != std::string_view::npos) {
    pos += 7;
    while (pos < s.size() && IsSpace(s[pos])) ++pos;
    if (pos >= s.size()) return nullptr;
    if (s[pos] != '=') continue;
    ++pos;
    while (pos < s.size() && IsSpace(s[pos])) ++pos;
    if (pos >= s.size()) return nullptr;
    const char quote = s[pos];
    if (quote == '"' || quote == '\'') {
      const size_t close = s.find(quote, pos + 1);
      if (close == std::string_view::npos) return nullptr;
      return EncodingForLabel(s.substr(pos + 1, close - pos - 1));
    }
    size_t end = pos;
    while (end < s.size() && !IsSpace(s[end]) && s[end] != ';') ++end;
    return EncodingForLabel(s.substr(pos, end - pos));
  }
  return nullptr;
}

// A cursor over the bytes being prescanned. Running off their end ends the
// prescan (pos_ == size) without a result for the tag being read.
class Prescanner {
 public:
  explicit Prescanner(std::string_view head) : s_(head) {}
  const Encoding* Run();

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  void SkipSpace() {
    while (!AtEnd() && IsSpace(s_[pos_])) ++pos_;
  }
  // Moves to the next `c` at or after `from`, or to the end.
  void MoveTo(std::string_view c, size_t from) { pos_ = std::min(s_.find(c, from), s_.size()); }
  bool GetAttribute();
  bool AttributeValue();
  const Encoding* Meta();
  void SkipTag();

  std::string_view s_;
  size_t pos_ = 0;
  std::string name_, value_;
};

// The spec's "get an attribute": returns false at the tag's '>' (pos_ on
// it) or at the end; otherwise name_ and value_ hold one attribute, lower-cased.
bool Prescanner::GetAttribute() {
  name_.clear();
  value_.clear();
  while (!AtEnd() && (IsSpace(s_[pos_]) || s_[pos_] == '/')) ++pos_;
  if (AtEnd() || s_[pos_] == '>') return false;
  for (;; ++pos_) {
    if (AtEnd()) return false;
    const char c = s_[pos_];
    if (c == '=' && !name_.empty()) {
      ++pos_;
      return AttributeValue();
    }
    if (IsSpace(c)) break;
    if (c == '/' || c == '>') return true;
    name_.push_back(Lower(c));
  }
  SkipSpace();
  if (AtEnd()) return false;
  if (s_[pos_] != '=') return true;  // a name without a value
  ++pos_;
  return AttributeValue();
}

// The value after '=': quoted (may hold spaces and '>') or bare.
bool Prescanner::AttributeValue() {
  SkipSpace();
  if (AtEnd()) return false;
  const char quote = s_[pos_];
  if (quote == '"' || quote == '\'') {
    const size_t close = s_.find(quote, pos_ + 1);
    if (close == std::string_view::npos) {
      pos_ = s_.size();
      return false;
    }
    for (size_t i = pos_ + 1; i < close; ++i) value_.push_back(Lower(s_[i]));
    pos_ = close + 1;
    return true;
  }
  while (!AtEnd() && !IsSpace(s_[pos_]) && s_[pos_] != '>') value_.push_back(Lower(s_[pos_++]));
  return !AtEnd();
}

// After "<meta": its attributes decide. Repeated attributes count once.
const Encoding* Prescanner::Meta() {
  enum class Need { kUnset, kPragma, kNoPragma };
  Need need = Need::kUnset;
  bool got_pragma = false, seen_http_equiv = false, seen_content = false, seen_charset = false;
  bool charset_set = false;  // the spec's "charset is not null" (it may be a failure)
  const Encoding* charset = nullptr;
  while (GetAttribute()) {
    if (name_ == "http-equiv" && !seen_http_equiv) {
      seen_http_equiv = true;
      got_pragma = value_ == "content-type";
    } else if (name_ == "content" && !seen_content) {
      seen_content = true;
      const Encoding* e = charset_set ? nullptr : EncodingFromContent(value_);
      if (e != nullptr) {
        charset = e;
        charset_set = true;
        need = Need::kPragma;
      }
    } else if (name_ == "charset" && !seen_charset) {
      seen_charset = true;
      charset = EncodingForLabel(value_);
      charset_set = true;
      need = Need::kNoPragma;
    }
  }
  if (AtEnd() || need == Need::kUnset || charset == nullptr) return nullptr;
  if (need == Need::kPragma && !got_pragma) return nullptr;
  if (charset == &kUtf16Le || charset == &kUtf16Be) return &kUtf8;
  return charset;
}

// Any other start or end tag: its attributes are read only to step over
// values that may contain '>'.
void Prescanner::SkipTag() {
  pos_ = std::min(s_.find_first_of("\t\n\f\r >", pos_), s_.size());
  while (GetAttribute()) {
  }
}

const Encoding* Prescanner::Run() {
  for (; !AtEnd(); ++pos_) {
    const auto at = [&](size_t i) { return i < s_.size() ? s_[i] : '\0'; };
    if (s_[pos_] != '<') continue;
    if (s_.compare(pos_, 4, "<!--") == 0) {
      MoveTo("-->", pos_ + 2);  // "<!-->" is a whole comment
      pos_ = std::min(pos_ + 2, s_.size());
    } else if (StartsWithNoCase(s_, pos_, "<meta") && (IsSpace(at(pos_ + 5)) || at(pos_ + 5) == '/')) {
      pos_ += 5;
      if (const Encoding* e = Meta()) return e;
    } else if (IsAlpha(at(pos_ + 1)) || (at(pos_ + 1) == '/' && IsAlpha(at(pos_ + 2)))) {
      SkipTag();
    } else if (at(pos_ + 1) == '!' || at(pos_ + 1) == '/' || at(pos_ + 1) == '?') {
      MoveTo(">", pos_ + 1);
    }
  }
  return nullptr;
}

}  // namespace

const Encoding* PrescanMetaCharset(std::string_view page) {
  return Prescanner(page.substr(0, kPrescanBytes)).Run();
}

}  // namespace reprint::clean
