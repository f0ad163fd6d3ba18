// What the clean stage needs to know about HTML element names, in one table
// shared by the myhtml tree walker, the tag-stripping fallback, the nesting
// pre-scan and the format sniffer.
//
// Thread safety: pure functions over constant data.
#pragma once

#include <cstdint>
#include <string_view>

namespace reprint::clean {

enum TagFlag : uint8_t {
  kTagKnown = 1,     // a standard HTML element (format sniffing)
  kTagBlock = 2,     // starts and ends a paragraph
  kTagDrop = 4,      // never article text: script, style, svg, head, ...
  kTagChrome = 8,    // page furniture: nav, header, footer, aside, forms
  kTagVoid = 16,     // has no end tag: br, img, meta, ...
  kTagRawText = 32,  // content is not markup: script, style, textarea, title
  kTagNoNest = 64,   // end tag optional and implied by a sibling: p, li, td
};

// Flags of the element called `name` (ASCII, any case); 0 when unknown.
uint8_t TagFlagsOf(std::string_view name);

}  // namespace reprint::clean
