// Word-by-word alignment of short windows of two texts: the edits between two
// tiles of a passage (global alignment, both ends anchored) and the words just
// beyond a passage's ends (Smith-Waterman-style local extension anchored at
// the passage). Windows are bounded by AlignOptions::max_gap_words and
// extend_words, so each call fills at most a few hundred cells.
//
// Scores: equal words +2, spelling variant +1, compound split/joined (two
// words against one) +1, substitution -1, word cut or added -1.
#pragma once

#include <cstdint>
#include <vector>

#include "align/word_tokens.h"

namespace reprint::align {

enum class OpKind : uint8_t { kEqual, kVariant, kJoined, kSubstitute, kCut, kAdded };

// One step of an alignment: consumes a_words words of A from index a and
// b_words words of B from index b (kCut: 1 and 0; kAdded: 0 and 1; kJoined:
// 2 and 1 or 1 and 2; otherwise 1 and 1).
struct WordOp {
  OpKind kind = OpKind::kEqual;
  uint8_t a_words = 0;
  uint8_t b_words = 0;
  uint32_t a = 0;
  uint32_t b = 0;
};

inline bool IsMatch(OpKind kind) { return kind == OpKind::kEqual || kind == OpKind::kVariant || kind == OpKind::kJoined; }

enum class WindowMode {
  kGlobal,       // align all of both windows
  kExtendRight,  // start anchored at (a_begin, b_begin), end where the score peaks
  kExtendLeft,   // end anchored at (a_end, b_end), start where the score peaks
};

// Aligns words a[a_begin, a_end) with b[b_begin, b_end) and appends the ops,
// in text order, to *ops. Returns the score of the appended ops (0 and
// nothing appended when an extension finds no positive score).
// REQUIRES: ranges within the texts, each at most 255 words.
int AlignWindow(const WordTokens& a, uint32_t a_begin, uint32_t a_end, const WordTokens& b, uint32_t b_begin,
                uint32_t b_end, WindowMode mode, std::vector<WordOp>* ops);

constexpr int kEqualScore = 2;

}  // namespace reprint::align
