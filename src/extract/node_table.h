// NodeTable: per-element statistics of one parsed page, the data the content
// scorer ranks and the article emitter filters on.
//
// Elements are numbered in document order (a parent before its children);
// each myhtml node carries its number + 1 in its user data pointer, so the
// emitter can find a node's row while walking the tree.
//
// Thread safety: none; one per Extractor.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct myhtml_tree_node;

namespace reprint::extract {

struct ScoreFlags {
  bool strip_unlikely = true;       // drop elements whose class/id mark furniture
  bool weight_classes = true;       // class/id hints add or subtract 25
  bool clean_conditionally = true;  // drop link farms, forms, empty blocks inside the article
};

struct NodeRow {
  myhtml_tree_node* node = nullptr;
  int32_t parent = -1;
  uint32_t tag = 0;             // myhtml tag id
  uint8_t tag_flags = 0;        // clean::TagFlag bits
  bool removed = false;         // never article: dropped tag, hidden, chrome role, unlikely, byline
  bool has_block_child = false;
  bool candidate = false;       // received paragraph score
  int weight = 0;               // class/id weight
  uint32_t text = 0;            // visible text bytes in the subtree (whitespace excluded)
  uint32_t link_text = 0;       // of which inside <a>
  uint32_t inline_text = 0;     // text whose nearest block ancestor is this element
  uint32_t commas = 0;
  uint32_t inline_commas = 0;
  uint32_t heading_text = 0;
  uint32_t paragraphs = 0, images = 0, list_items = 0, inputs = 0, embeds = 0;
  double score = 0;
  double link_density() const { return text == 0 ? 0.0 : static_cast<double>(link_text) / text; }
};

struct NodeTable {
  std::vector<NodeRow> rows;
  int32_t body = -1;
  std::string byline;  // text of the first byline element, if any
  void Clear() {
    rows.clear();
    body = -1;
    byline.clear();
  }
};

// Builds the table for the subtree under `body` (inclusive). Removed
// elements get a row (so the emitter recognises them) but their subtrees are
// not visited. Iterative: depth costs no stack.
void BuildNodeTable(myhtml_tree_node* body, const ScoreFlags& flags, NodeTable* table);

// Row index of `node`, or -1 when it was not visited.
int32_t RowOf(myhtml_tree_node* node);

}  // namespace reprint::extract
