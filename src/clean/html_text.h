// HtmlText: HTML -> paragraphs through myhtml's HTML5 tree builder.
//
// myhtml was measured against gumbo and libxml2 (bench/html_parsers_bench.cc,
// STACK.md): it is about ten times faster than gumbo with the same visible
// text, and unlike libxml2 it knows HTML5's entities and does not drop deep
// content. One parser and one tree live as long as the HtmlText and are
// reused for every document, in single-threaded mode (myhtml's default mode
// starts worker threads per parser, which a one-parser-per-thread pipeline
// does not want).
//
// What is kept: the visible text of <body>, minus script, style, noscript,
// template, svg, iframe, forms and chrome (nav, header, footer, aside,
// role=navigation/banner/contentinfo, hidden elements). Block elements break
// paragraphs. If dropping chrome leaves almost nothing (pages that wrap
// everything in one <form>), the chrome is kept instead.
//
// Thread safety: none; one per Cleaner.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clean/paragraphs.h"

struct myhtml;
struct myhtml_tree;
struct myhtml_tree_node;

namespace reprint::clean {

class HtmlText {
 public:
  HtmlText();
  ~HtmlText();
  HtmlText(const HtmlText&) = delete;
  HtmlText& operator=(const HtmlText&) = delete;

  // Parses `html` (valid UTF-8) and appends its paragraphs to *out; sets
  // *title from <title> when *title is empty. Returns false iff myhtml
  // failed (out of memory); the caller then falls back to TagStripper.
  // REQUIRES: out holds no paragraphs.
  bool Extract(std::string_view html, ParagraphBuilder* out, std::string* title);

 private:
  struct Walk;
  uint8_t FlagsOf(const myhtml_tree_node* node) const;
  bool IsHidden(myhtml_tree_node* node) const;
  void WalkTree(myhtml_tree_node* root, bool drop_chrome, Walk* walk, ParagraphBuilder* out);
  bool Enter(myhtml_tree_node* node, bool drop_chrome, Walk* walk, ParagraphBuilder* out);
  void Leave(myhtml_tree_node* node, Walk* walk, ParagraphBuilder* out);
  void AppendText(myhtml_tree_node* node, bool blank_line_breaks, ParagraphBuilder* out);
  void TakeTitle(myhtml_tree_node* title_node, std::string* title);
  void FindTitle(myhtml_tree_node* head, std::string* title);

  myhtml* myhtml_ = nullptr;
  myhtml_tree* tree_ = nullptr;
  std::vector<uint8_t> flags_by_id_;  // html_tags flags, indexed by myhtml tag id
  ParagraphBuilder with_chrome_;  // second walk, for pages that are all chrome
  std::string decoded_;
  std::string scratch_;
};

}  // namespace reprint::clean
