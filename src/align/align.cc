// Align(): tokenise, seed tiles, chain them into passages, describe.
#include "reprint/align.h"

#include "align/gaps.h"
#include "align/passages.h"
#include "align/tiles.h"
#include "align/word_tokens.h"

namespace reprint {

Alignment Align(std::string_view a, std::string_view b, const AlignOptions& options) {
  thread_local align::WordTokens words_a, words_b;
  align::Tokenize(a, &words_a);
  align::Tokenize(b, &words_b);
  const std::vector<align::Tile> tiles =
      align::FindTiles(words_a.hashes, words_b.hashes, options.seed_words, options.max_seed_occurrences);
  const std::vector<align::Passage> passages =
      align::BuildPassages(words_a, words_b, align::ChainTiles(tiles, options.max_gap_words), options);
  Alignment result;
  align::DescribePassages(words_a, words_b, passages, &result);
  result.relation = align::ClassifyAlignment(result, words_a.hashes == words_b.hashes, options);
  return result;
}

std::string_view ReuseRelationName(ReuseRelation relation) {
  switch (relation) {
    case ReuseRelation::kExactCopy: return "exact copy";
    case ReuseRelation::kTrimmedCopy: return "trimmed copy";
    case ReuseRelation::kEditedCopy: return "edited copy";
    case ReuseRelation::kPartialReuse: return "partial reuse";
    case ReuseRelation::kUnrelated: return "unrelated";
  }
  return "unrelated";
}

std::string_view GapKindName(GapKind kind) {
  switch (kind) {
    case GapKind::kCut: return "cut";
    case GapKind::kAdded: return "added";
    case GapKind::kEdited: return "edited";
  }
  return "edited";
}

}  // namespace reprint
