// Gap classification: turns passages into the public AlignedSpan / Gap lists
// and measures coverage. Inside a passage, each run of ops that are not equal
// words is one gap (edited when it has words on both sides, else cut or
// added); outside passages, each run of A words is a cut and each run of B
// words an addition.
#pragma once

#include <vector>

#include "align/passages.h"
#include "align/word_tokens.h"
#include "reprint/align.h"

namespace reprint::align {

// Fills spans, gaps, word counts and coverage of *out (not the relation).
void DescribePassages(const WordTokens& a, const WordTokens& b, const std::vector<Passage>& passages, Alignment* out);

// Returns the relation implied by coverage and edits (see AlignOptions).
// `identical` is true iff both texts have the same normalised words.
ReuseRelation ClassifyAlignment(const Alignment& alignment, bool identical, const AlignOptions& options);

}  // namespace reprint::align
