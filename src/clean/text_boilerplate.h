// Site-chrome removal for text that has lost (or never had) its markup.
//
// A news page's extracted text is framed by chrome: the site name, the
// headline, photo captions and bylines on top; "Related posts" lists,
// comment counters and edition footers at the bottom. The article itself is
// written in sentences. So the rule is positional and language-light: find the
// first and last paragraphs that read like article prose and drop what lies
// outside them. Paragraphs in between are always kept, however short, so a
// one-line paragraph inside the body survives.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

#include "clean/paragraphs.h"

namespace reprint::clean {

// Returns true iff the paragraph reads like article prose: it ends a sentence
// (. ! ? … or their CJK forms, possibly followed by closing quotes or
// brackets) and has at least four words, or it is long (25+ words).
bool IsProse(std::string_view paragraph);

struct TrimResult {
  size_t first = 0;  // keep paragraphs [first, last)
  size_t last = 0;
  // A headline-like paragraph (3 to 30 words) from the leading chrome, the
  // longest one; npos when there is none.
  size_t title = static_cast<size_t>(-1);
};

// Decides which paragraphs of `builder` to keep. Keeps them all when no
// paragraph reads like prose or when the rules would leave only a sliver of
// the text: never returns an empty range for a non-empty text.
TrimResult TrimBoilerplate(const ParagraphBuilder& builder);

}  // namespace reprint::clean
