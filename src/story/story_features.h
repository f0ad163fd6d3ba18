// StoryFeatures: what one article contributes to streaming story clustering
// (see streaming_stories.h), before any corpus statistics: its terms with
// their boosted term frequencies. Small enough to be stored beside the
// document, so that a service can rebuild its story state after a restart
// without re-reading the text.
//
// Encoded form (EncodeStoryFeatures), all integers LEB128 varints:
//   byte    format version (kStoryFeaturesVersion)
//   varint  number of distinct tf values V, then V little-endian float32s
//   varint  number of terms T, then per term, in ascending hash order:
//     varint  hash delta (the first hash itself; later ones minus the previous)
//     varint  tf_index << 2 | entity << 1 | has_display
//     [varint length, bytes]  the display text, when has_display
// About 10 bytes per term (a hash delta is ~56 bits; tf values repeat, so an
// article needs only a handful), plus the few display strings: at most ~4 KB
// for a 400-term article. Floats are stored exactly, so features decoded
// after a restart weigh exactly as they did when first assigned.
//
// Thread safety: StoryFeatureExtractor keeps reusable buffers: one per
// thread. The free functions are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reprint/document.h"
#include "story/article_terms.h"

namespace reprint::story {

struct StreamingStoryOptions;

struct StoryFeatures {
  struct Term {
    uint64_t hash = 0;
    float tf = 0;         // (1 + ln count) times the entity and title boosts
    bool entity = false;  // most occurrences look like a named entity
    std::string display;  // as written, for labels; only for the heaviest terms, else empty
  };
  std::vector<Term> terms;  // unique hashes, ascending; at most max_article_terms
};

inline constexpr uint8_t kStoryFeaturesVersion = 1;

std::string EncodeStoryFeatures(const StoryFeatures& features);

// Returns true iff `bytes` is a well-formed encoding (right version, hashes
// strictly ascending, finite non-negative tf values, nothing left over).
// Never reads out of bounds, whatever the input; *out is unspecified on false.
bool DecodeStoryFeatures(std::string_view bytes, StoryFeatures* out);

class StoryFeatureExtractor {
 public:
  // Terms with a display text: enough for labels drawn from heavy centroid terms.
  static constexpr size_t kDisplayTerms = 20;

  explicit StoryFeatureExtractor(const StreamingStoryOptions& options);

  // Fills *out from the document's title and text (empty for an empty text).
  void Extract(const CleanDocument& doc, StoryFeatures* out);

 private:
  double entity_boost_, title_boost_;
  size_t max_terms_;
  ArticleTermExtractor extractor_;
  ArticleTerms terms_;
};

}  // namespace reprint::story
