// Content scoring: which elements of a page hold its article.
//
// Every paragraph-like element (p, pre, td, headings h2-h6, and blocks whose
// text is not split by further blocks) with 25+ bytes of text scores
// 1 + commas + min(bytes / 100, 3). The score goes to its container in full,
// to the grandparent by half and to higher ancestors (up to five levels) by
// a third per level; each container starts from a tag prior (div +5,
// lists and forms -3, headings -5) plus its class/id weight, and its total is
// scaled by (1 - link density). The best container is moved up when three of
// the strongest candidates share an ancestor, when a parent scores higher, or
// when it is an only child; then its siblings that score at least a fifth of
// it, or read like prose paragraphs, join it.
//
// Thread safety: pure functions over the caller's table.
#pragma once

#include <cstdint>
#include <vector>

#include "extract/node_table.h"

namespace reprint::extract {

struct Selection {
  int32_t top = -1;             // the best container; -1 when no paragraph scored
  std::vector<int32_t> roots;   // top and the siblings that join it, in document order
};

// Scores table->rows (fills score and candidate) and selects the article.
Selection ScoreAndSelect(NodeTable* table);

// Returns true iff a sibling paragraph of `text` bytes and link density
// `link_density` reads like article prose (long and few links, or a short
// link-free sentence).
bool ProseSibling(uint32_t text, double link_density, bool ends_sentence);

}  // namespace reprint::extract
