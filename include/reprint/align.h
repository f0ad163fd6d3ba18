// Passage alignment: which stretches of one text are reused in another, and
// how the reused text was changed (cut, added, edited).
//
// Align(a, b) works on the normalised words of both texts (the tokenizer of
// the sketch stage: NFKC case folding, punctuation separates words). Shared
// word n-grams seed exact tiles; tiles close together in both texts are
// chained into passages, and the few words between them (and beyond a
// passage's ends) are aligned word by word with a banded dynamic programme
// that knows spelling variants ("defence"/"defense") and split compounds
// ("counter-terrorism"/"counterterrorism"). Passages are found independently,
// so re-ordered paragraphs are still aligned. Time is near-linear in the
// length of the texts.
//
// Thread safety: Align() is a pure function; call it from any thread.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace reprint {

struct AlignOptions {
  // Words per seed n-gram. Shorter seeds find more rewritten reuse and more
  // chance phrases ("the united states"); 3 suits news and short essays.
  int seed_words = 3;
  // Seed n-grams occurring more often than this in A are ignored (lists,
  // refrains); keeps the time linear on repetitive text.
  int max_seed_occurrences = 16;
  // Tiles whose gap in both texts is at most this many words join one passage;
  // the words between them are aligned as edits.
  int max_gap_words = 16;
  // Words aligned beyond a passage's first and last tile at most.
  int extend_words = 16;
  // Passages with fewer matched words are dropped as chance matches.
  int min_passage_words = 5;
  // Relation thresholds: the copy side covered at least `copy_coverage` makes
  // a copy; the other side under `trimmed_coverage` makes it trimmed; more
  // than `edited_share` of the copy's words in edits makes it edited; any
  // side covered at least `partial_coverage` makes partial reuse.
  double copy_coverage = 0.9;
  double trimmed_coverage = 0.95;
  double edited_share = 0.02;
  double partial_coverage = 0.05;
};

// A passage of A reused in B. Offsets are bytes into each text as passed to
// Align(); [a_begin, a_end) starts at the passage's first word and ends after
// its last. Small edits inside a passage are listed as gaps.
struct AlignedSpan {
  size_t a_begin = 0, a_end = 0;
  size_t b_begin = 0, b_end = 0;
  size_t a_words = 0, b_words = 0;  // words in the passage on each side
  size_t matched_words = 0;         // word pairs aligned as equal or variants
  double score = 0;                 // alignment score (+2 per equal word pair, penalties for edits)
};

enum class GapKind { kCut, kAdded, kEdited };

// Text not reused as is. kCut: words of A with no counterpart in B; kAdded:
// words of B with no counterpart in A; kEdited: words of A replaced by words
// of B inside a passage (including spelling variants). For a cut gap,
// b_begin == b_end marks where in B the words would have been (after the B
// counterpart of the A word before it), and likewise a_begin == a_end for an
// added gap.
struct Gap {
  GapKind kind = GapKind::kEdited;
  size_t a_begin = 0, a_end = 0;
  size_t b_begin = 0, b_end = 0;
  size_t a_words = 0, b_words = 0;
  bool inside_passage = false;
};

enum class ReuseRelation { kExactCopy, kTrimmedCopy, kEditedCopy, kPartialReuse, kUnrelated };

struct Alignment {
  std::vector<AlignedSpan> spans;  // in order of a_begin
  std::vector<Gap> gaps;           // in order of (a_begin, b_begin)
  size_t a_words = 0, b_words = 0;
  double coverage_a = 0;  // share of A's words aligned to words of B
  double coverage_b = 0;  // share of B's words aligned to words of A
  ReuseRelation relation = ReuseRelation::kUnrelated;
};

// Returns the passages of `a` reused in `b` and everything else as gaps.
// Texts should be clean text (CleanDocument::text); invalid UTF-8 is treated
// as separators. Texts of 4 GiB or more are not supported.
Alignment Align(std::string_view a, std::string_view b, const AlignOptions& options = {});

// "exact copy", "trimmed copy", "edited copy", "partial reuse", "unrelated".
std::string_view ReuseRelationName(ReuseRelation relation);
// "cut", "added", "edited".
std::string_view GapKindName(GapKind kind);

}  // namespace reprint
