// ArticleTermExtractor: a clean article -> the terms story clustering weighs,
// with what the text's capitalisation says about them (no gazetteer, no
// language-specific lists):
//   - every normalised word (the sketch tokenizer's hashes);
//   - entity marks: words capitalised in mid-sentence (names, places,
//     organisations) and numbers of two or more digits;
//   - names: adjacent capitalised words separated by a single space
//     ("Malaysia Airlines", "Kuala Lumpur") as extra two-word terms;
//   - title marks: words of the title, or of a short first line when the
//     document has no title (news text files open with their headline).
//
// Thread safety: an extractor keeps reusable buffers: one per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reprint/document.h"
#include "sketch/tokenizer.h"

namespace reprint::story {

struct ArticleTerm {
  uint64_t hash = 0;
  uint32_t count = 0;         // occurrences, title included
  uint32_t entity_count = 0;  // occurrences capitalised in mid-sentence (or numbers, names)
  bool in_title = false;
  bool name = false;          // a two-word name
  uint32_t begin = 0, end = 0;  // first occurrence in ArticleTerms::text, for display

  // Returns true iff most occurrences look like a named entity.
  bool IsEntity() const { return name || 2 * entity_count >= count; }
};

struct ArticleTerms {
  std::string text;                // title (when separate) + body: what spans point into
  std::vector<ArticleTerm> terms;  // unique hashes, sorted by hash
};

class ArticleTermExtractor {
 public:
  ArticleTermExtractor();

  // Fills *out from the document's title and text.
  void Extract(const CleanDocument& doc, ArticleTerms* out);

 private:
  sketch::Tokenizer tokenizer_;
  std::vector<uint64_t> hashes_;
  std::vector<sketch::TokenSpan> spans_;
  std::vector<ArticleTerm> occurrences_;
  std::vector<uint32_t> slots_;  // hash table of 1 + positions in the output
};

// Days since 1970-01-01 of an ISO 8601 date ("2014-03-10", "2014-03-10T08:00Z");
// nullopt when `date` does not start with a valid YYYY-MM-DD.
std::optional<int32_t> ParseDay(std::string_view date);

}  // namespace reprint::story
