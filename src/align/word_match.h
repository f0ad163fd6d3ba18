// Word-level similarity for the aligner: equal normalised words, spelling
// variants ("defence"/"defense", "judgement"/"judgment") and compounds written
// as one or two words ("counter-terrorism"/"counterterrorism").
//
// Variants are decided on the words as written, ASCII letters compared
// without case; other bytes must match exactly.
#pragma once

#include <cstddef>

#include "align/word_tokens.h"

namespace reprint::align {

enum class WordMatch { kNone, kVariant, kEqual };

// Returns kEqual iff the normalised words are equal, kVariant iff they are
// letters-first words of 5+ bytes within edit distance 1 (9+ bytes: 2).
WordMatch CompareWords(const WordTokens& x, size_t i, const WordTokens& y, size_t j);

// Returns true iff x[i] followed by x[i + 1] spells y[j] (case-insensitive),
// e.g. "counter" "terrorism" and "counterterrorism".
// REQUIRES: i + 1 < x.size(), j < y.size().
bool JoinedEqual(const WordTokens& x, size_t i, const WordTokens& y, size_t j);

// Edit distance (insert, delete, substitute a byte) between s and t when it is
// at most `limit`, else limit + 1. ASCII letters compare without case.
int BoundedEditDistance(std::string_view s, std::string_view t, int limit);

}  // namespace reprint::align
