// Small helpers over myhtml's DOM shared by the extractor's parts: one
// reusable parser and tree, attribute lookup, and text collection with the
// clean stage's entity decoding and whitespace folding.
//
// Thread safety: an HtmlDocument is used by one thread at a time; the free
// functions are pure over the tree they are given.
#pragma once

#include <string>
#include <string_view>

#include "clean/paragraphs.h"

struct myhtml;
struct myhtml_tree;
struct myhtml_tree_node;

namespace reprint::extract {

// One myhtml parser and tree, in single-threaded mode, reused per document.
class HtmlDocument {
 public:
  HtmlDocument();
  ~HtmlDocument();
  HtmlDocument(const HtmlDocument&) = delete;
  HtmlDocument& operator=(const HtmlDocument&) = delete;

  // Parses `html` (valid UTF-8). Returns false iff myhtml failed; the
  // previous tree is then gone.
  bool Parse(std::string_view html);

  myhtml_tree_node* html() const;  // REQUIRES: Parse() returned true
  myhtml_tree_node* head() const;
  myhtml_tree_node* body() const;
  myhtml_tree* tree() const { return tree_; }

 private:
  myhtml* myhtml_ = nullptr;
  myhtml_tree* tree_ = nullptr;
};

// The value of attribute `key` (lower-case ASCII), or "" when absent.
std::string_view AttrValue(myhtml_tree_node* node, std::string_view key);

// Appends the text of text node `node` to *out, decoding the entities a page
// escaped twice (myhtml decodes one level). Uses *decoded and *scratch.
void AppendNodeText(myhtml_tree_node* node, clean::ParagraphBuilder* out, std::string* decoded,
                    std::string* scratch);

// Appends all visible text under `root` (script, style and other never-text
// elements skipped), breaking paragraphs at block elements. Iterative: depth
// costs no stack.
void AppendAllText(myhtml_tree_node* root, clean::ParagraphBuilder* out);

// Lower-cases ASCII letters of `s` in place.
void AsciiLower(std::string* s);

}  // namespace reprint::extract
