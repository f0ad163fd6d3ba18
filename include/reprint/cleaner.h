// Cleaner turns a RawDocument into its article text (CleanDocument):
//   - HTML is parsed with a real HTML5 parser (myhtml); script, style,
//     noscript, template and obvious chrome (nav, header, footer, aside, forms)
//     are dropped; block structure becomes paragraphs.
//   - Every HTML5 named and numeric entity is decoded, including text escaped
//     twice and pages whose markup itself is entity-encoded.
//   - Invalid UTF-8 is repaired (U+FFFD), never fatal.
//   - Plain text loses leading and trailing site chrome (menus, "related"
//     lists, comment counters, publication footers) by general line features.
//
// Thread safety: a Cleaner keeps reusable buffers: one per thread.
#pragma once

#include <cstddef>
#include <memory>

#include "reprint/document.h"
#include "reprint/status.h"

namespace reprint {

struct CleanOptions {
  bool remove_boilerplate = true;
  // HTML deeper than this is flattened: its text is kept, its structure is not.
  // Bounds the parser's cost on pathological nesting.
  size_t max_html_depth = 256;
  // HTML larger than this is not parsed into a tree (a DOM costs several
  // times the input in memory) but flattened like over-deep HTML.
  size_t max_html_parse_bytes = 32 << 20;
};

class Cleaner {
 public:
  explicit Cleaner(const CleanOptions& options = CleanOptions());
  ~Cleaner();
  Cleaner(const Cleaner&) = delete;
  Cleaner& operator=(const Cleaner&) = delete;

  // Fills *out with the clean document. Returns a non-OK status only when the
  // document cannot be cleaned at all (e.g. binary content); *out is then
  // unspecified. An empty article is not an error (out->text is empty).
  Status Clean(const RawDocument& raw, CleanDocument* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reprint
