// Cleaner turns a RawDocument into its article text (CleanDocument):
//   - HTML goes through the Extractor (reprint/extractor.h): the article body
//     found by main-content scoring over the myhtml DOM, without navigation,
//     share bars, related lists, comments or ads; its title (without the site
//     suffix) and publication date fill in what the record does not carry.
//   - Every HTML5 named and numeric entity is decoded, including text escaped
//     twice and pages whose markup itself is entity-encoded.
//   - HTML in another encoding is decoded from the charset its byte order
//     mark or <meta> declares (windows-1252 when undeclared and not UTF-8).
//   - Invalid UTF-8 is repaired (U+FFFD), never fatal.
//   - Plain text loses leading and trailing site chrome (menus, "related"
//     lists, comment counters, publication footers) by general line features.
//   - Given the sources' templates (CleanOptions::templates), paragraphs
//     that are template for the document's source are removed.
//
// Thread safety: a Cleaner keeps reusable buffers: one per thread.
#pragma once

#include <cstddef>
#include <memory>

#include "reprint/document.h"
#include "reprint/status.h"
#include "reprint/templates.h"

namespace reprint {

struct CleanOptions {
  bool remove_boilerplate = true;
  // HTML: the Extractor's article body (true), or the older page-text path
  // (false: all visible text outside script/style/nav/header/footer/aside/
  // forms, then the plain-text chrome trimming), kept as an evaluation
  // baseline (`reprint eval extract --method cleaner`). With
  // remove_boilerplate off, HTML always takes the page-text path, untrimmed.
  bool extract_article = true;
  // HTML deeper than this is flattened: its text is kept, its structure is not.
  // Bounds the parser's cost on pathological nesting.
  size_t max_html_depth = 256;
  // HTML larger than this is not parsed into a tree (a DOM costs several
  // times the input in memory) but flattened like over-deep HTML.
  size_t max_html_parse_bytes = 32 << 20;
  // The sources' template paragraphs (reprint/templates.h, learnt by
  // LearnTemplates()), removed from the text; null: none.
  std::shared_ptr<const SourceTemplates> templates;
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
  Status CleanUnchecked(const RawDocument& raw, CleanDocument* out);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reprint
