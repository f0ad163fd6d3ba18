// Passages: chains of tiles that follow each other closely in both texts,
// with the words between and just beyond them aligned word by word. Each
// passage is chained on its own, so paragraphs moved elsewhere in the copy
// form passages of their own instead of breaking one global chain.
#pragma once

#include <vector>

#include "align/tiles.h"
#include "align/word_align.h"
#include "align/word_tokens.h"
#include "reprint/align.h"

namespace reprint::align {

struct Passage {
  std::vector<WordOp> ops;  // in text order; the first and last are matches
  uint32_t a_begin = 0, a_end = 0;  // word range in A
  uint32_t b_begin = 0, b_end = 0;  // word range in B
  size_t matched_words = 0;         // A words in matching ops
  int score = 0;
};

// Groups tiles (in order of b) into chains: a tile joins the open chain whose
// last tile ends before it in both texts by at most max_gap_words words
// (the closest such chain); otherwise it opens a chain.
std::vector<std::vector<Tile>> ChainTiles(const std::vector<Tile>& tiles, int max_gap_words);

// Aligns each chain into a passage: tiles as equal words, the gaps between
// them globally, up to extend_words beyond both ends locally (never into
// words of a tile or of an earlier passage's extension). Drops passages with
// fewer than min_passage_words matched words.
std::vector<Passage> BuildPassages(const WordTokens& a, const WordTokens& b, const std::vector<std::vector<Tile>>& chains,
                                   const AlignOptions& options);

}  // namespace reprint::align
