// TagStripper: the tree-less fallback that turns HTML into paragraphs.
//
// Used when building a DOM would cost too much: nesting deeper than
// CleanOptions::max_html_depth (tree builders are quadratic in depth) or input
// larger than CleanOptions::max_html_parse_bytes (a DOM costs several times
// the input in memory). It runs in linear time and constant extra memory per
// token: it keeps all visible text, drops script / style / svg / template
// bodies, turns block tags into paragraph breaks and decodes entities. It
// does not drop navigation chrome: without a tree, "inside <nav>" is not
// reliable on the malformed pages that end up here.
//
// Thread safety: none; one per Cleaner (it reuses its buffers).
#pragma once

#include <string>
#include <string_view>

#include "clean/paragraphs.h"

namespace reprint::clean {

class TagStripper {
 public:
  // Appends the paragraphs of `html` to *out, and sets *title to the first
  // <title>'s text when *title is empty.
  void Strip(std::string_view html, ParagraphBuilder* out, std::string* title);

 private:
  void AppendText(std::string_view raw, ParagraphBuilder* out);

  std::string decoded_;
  std::string scratch_;
};

}  // namespace reprint::clean
