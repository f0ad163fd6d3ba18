// StoryFeatures: what one article contributes to streaming story clustering
// (see streaming_stories.h), before any corpus statistics: its terms with
// their boosted term frequencies. Small enough to be stored beside the
// document, so that a service can rebuild its story state after a restart
// without re-reading the text.
//
// Encoded form (EncodeStoryFeatures), version 2; integers are little-endian,
// "varint" is LEB128:
//   byte    format version (kStoryFeaturesVersion)
//   varint  number of distinct tf values V, then V float32s, in order of
//           first use by the terms below
//   varint  number of terms T, then per term, in ascending hash order:
//     8 bytes  the hash
//     varint   tf_index << 2 | entity << 1 | has_display  (one byte while V <= 32)
//     [varint length, bytes]  the display text, when has_display
// About 9 bytes per term (tf values repeat, so an article needs only a
// handful), plus the few display strings: at most ~4 KB for a 400-term
// article. Fixed-width hashes cost no more than deltas of 64-bit hashes
// (~56 bits each) and decode without a loop. Floats are stored exactly, so
// features decoded after a restart weigh exactly as they did when first
// assigned. Version 1 (varint hash deltas instead of fixed hashes, tf values
// sorted) is still decoded, for indexes written before version 2.
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

inline constexpr uint8_t kStoryFeaturesVersion = 2;

std::string EncodeStoryFeatures(const StoryFeatures& features);

// Returns true iff `bytes` is a well-formed encoding (version 2 or 1, hashes
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
  // A candidate term in the heaviness order (tf, then the smaller hash).
  struct Key {
    float tf;
    uint32_t index;  // in terms_.terms
    uint64_t hash;
  };
  static constexpr uint32_t kLogTable = 256;  // 1 + ln(count) for counts below this, precomputed

  double entity_boost_, title_boost_;
  size_t max_terms_;
  ArticleTermExtractor extractor_;
  ArticleTerms terms_;
  std::vector<double> one_plus_log_;
  std::vector<Key> keys_;
  std::vector<float> tf_;
  std::vector<uint8_t> chosen_;  // per article term: 0 dropped, 1 kept, 2 kept with its display
};

}  // namespace reprint::story
