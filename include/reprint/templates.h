// Cross-document template detection: paragraphs that recur across documents
// of one source (its `source` field, else the host of its URL) in one run are
// that source's template ("Comments are closed.", "© 2024 Harbour News. All
// rights reserved.", a subscription pitch), not article text.
//
// A paragraph becomes template when it is seen in min_documents documents of
// the source with different texts (a story republished unchanged counts
// once). Copies that differ a little (wire updates) are protected when
// stripping: a document keeps all its paragraphs when removing the template
// ones would leave less than min_kept_fraction of its text, since a page is
// mostly its own article and a copy is mostly lines seen elsewhere.
// Paragraphs are compared with case and spacing ignored, numbers not: lines
// that differ in their figures are data, not template.
//
// Learning is a pass of its own (LearnTemplates() in reprint/corpus.h runs it
// over a corpus); the learned SourceTemplates is then handed to the Cleaner or
// the Extractor through their options.
//
// Thread safety: TemplateLearner is used by one thread, in input order (the
// result never depends on the number of worker threads); SourceTemplates is
// immutable and may be shared by all threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reprint/document.h"

namespace reprint {

struct TemplateOptions {
  // A paragraph seen in this many documents of one source with different
  // article keys is template. 0 turns template detection off.
  unsigned min_documents = 3;
  // Only paragraphs up to this size (bytes) can be template: site chrome is
  // short, and the bound keeps the learner's memory small.
  size_t max_paragraph_bytes = 400;
  // A document keeps all its paragraphs when removing its template ones
  // would leave less than this share of its text (bytes).
  double min_kept_fraction = 0.25;
  // Each source is learned from its first documents only: templates show
  // early, and the memory stays bounded on huge sources.
  size_t max_documents_per_source = 5000;
};

// The source a document's templates belong to: `source`, else the host of
// `url` (lower-cased, without "www."), else "" (no source: never stripped).
// Pass the record's URL, or the page's canonical URL when the record has
// none (saved pages): the Cleaner and Extractor do.
std::string TemplateSourceKey(std::string_view source, std::string_view url);

class SourceTemplates {
 public:
  SourceTemplates();
  ~SourceTemplates();
  SourceTemplates(SourceTemplates&&) noexcept;
  SourceTemplates& operator=(SourceTemplates&&) noexcept;

  // True iff the paragraph is template for `source_key`.
  bool IsTemplate(std::string_view source_key, std::string_view paragraph) const;

  // Removes the template paragraphs from `paragraphs`; returns how many.
  size_t Strip(std::string_view source_key, std::vector<std::string>* paragraphs) const;

  // The same for text whose paragraphs are separated by "\n\n".
  size_t StripText(std::string_view source_key, std::string* text) const;

  size_t size() const;  // number of (source, paragraph) templates
  bool empty() const { return size() == 0; }

 private:
  friend class TemplateLearner;
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

class TemplateLearner {
 public:
  explicit TemplateLearner(const TemplateOptions& options = TemplateOptions());
  ~TemplateLearner();
  TemplateLearner(const TemplateLearner&) = delete;
  TemplateLearner& operator=(const TemplateLearner&) = delete;

  // Records one document's article text (paragraphs separated by "\n\n").
  void Observe(std::string_view source_key, std::string_view text);

  // The templates learned so far; the learner can go on observing.
  SourceTemplates Templates() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace reprint
