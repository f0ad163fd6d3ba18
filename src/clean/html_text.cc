#include "clean/html_text.h"

#include <myhtml/api.h>

#include <cstring>
#include <utility>

#include "clean/entities.h"
#include "clean/html_tags.h"

namespace reprint::clean {
namespace {

constexpr int kEntityRounds = 3;
// Below this much text, dropping chrome may have dropped the article (ASP.NET
// pages wrap the whole body in one <form>): the page is walked again with its
// chrome, and that text wins when it is kChromeRatio times larger.
constexpr size_t kMinTextWithoutChrome = 200;
constexpr size_t kChromeRatio = 10;

bool AttrEquals(myhtml_tree_attr_t* attr, std::string_view value) {
  size_t len = 0;
  const char* v = myhtml_attribute_value(attr, &len);
  if (v == nullptr || len != value.size()) return false;
  for (size_t i = 0; i < len; ++i) {
    char c = v[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != value[i]) return false;
  }
  return true;
}

bool StyleHidesElement(myhtml_tree_attr_t* attr) {
  size_t len = 0;
  const char* v = myhtml_attribute_value(attr, &len);
  if (v == nullptr) return false;
  const std::string_view style(v, len);
  return style.find("display:none") != std::string_view::npos ||
         style.find("display: none") != std::string_view::npos;
}

}  // namespace

struct HtmlText::Walk {
  size_t block_depth = 0;   // open block elements other than html and body
  size_t chrome_skipped = 0;
  std::string* title = nullptr;
};

HtmlText::HtmlText() {
  myhtml_ = myhtml_create();
  if (myhtml_ != nullptr &&
      myhtml_init(myhtml_, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK) {
    myhtml_destroy(myhtml_);
    myhtml_ = nullptr;
  }
  if (myhtml_ != nullptr) {
    tree_ = myhtml_tree_create();
    if (tree_ != nullptr && myhtml_tree_init(tree_, myhtml_) != MyHTML_STATUS_OK) {
      myhtml_tree_destroy(tree_);
      tree_ = nullptr;
    }
  }
  // Translate the shared name table into myhtml's tag ids once.
  flags_by_id_.assign(MyHTML_TAG_LAST_ENTRY, 0);
  if (tree_ != nullptr) {
    for (myhtml_tag_id_t id = MyHTML_TAG_FIRST_ENTRY; id < MyHTML_TAG_LAST_ENTRY; ++id) {
      size_t len = 0;
      const char* name = myhtml_tag_name_by_id(tree_, id, &len);
      if (name != nullptr) flags_by_id_[id] = TagFlagsOf(std::string_view(name, len));
    }
  }
}

HtmlText::~HtmlText() {
  if (tree_ != nullptr) myhtml_tree_destroy(tree_);
  if (myhtml_ != nullptr) myhtml_destroy(myhtml_);
}

uint8_t HtmlText::FlagsOf(const myhtml_tree_node* node) const {
  const myhtml_tag_id_t id = myhtml_node_tag_id(const_cast<myhtml_tree_node_t*>(node));
  return id < flags_by_id_.size() ? flags_by_id_[id] : 0;
}

bool HtmlText::IsHidden(myhtml_tree_node* node) const {
  for (myhtml_tree_attr_t* a = myhtml_node_attribute_first(node); a != nullptr;
       a = myhtml_attribute_next(a)) {
    size_t len = 0;
    const char* key = myhtml_attribute_key(a, &len);
    if (key == nullptr) continue;
    const std::string_view k(key, len);
    if (k == "hidden") return true;
    if (k == "role" && (AttrEquals(a, "navigation") || AttrEquals(a, "banner") ||
                        AttrEquals(a, "contentinfo"))) {
      return true;
    }
    if (k == "style" && StyleHidesElement(a)) return true;
  }
  return false;
}

void HtmlText::AppendText(myhtml_tree_node* node, bool blank_line_breaks, ParagraphBuilder* out) {
  size_t len = 0;
  const char* text = myhtml_node_text(node, &len);
  if (text == nullptr || len == 0) return;
  std::string_view view(text, len);
  // myhtml decoded one level; pages escaped twice ("&amp;#8217;") need more.
  if (std::memchr(text, '&', len) != nullptr) {
    DecodeEntities(view, EntityMode::kAll, kEntityRounds, &decoded_, &scratch_);
    view = decoded_;
  }
  out->Append(view, blank_line_breaks);
}

void HtmlText::TakeTitle(myhtml_tree_node* title_node, std::string* title) {
  ParagraphBuilder one;
  for (myhtml_tree_node_t* t = myhtml_node_child(title_node); t != nullptr; t = myhtml_node_next(t)) {
    if (myhtml_node_tag_id(t) == MyHTML_TAG__TEXT) AppendText(t, false, &one);
  }
  one.Break();
  if (!one.paragraphs().empty()) title->assign(one.paragraph(0));
}

void HtmlText::FindTitle(myhtml_tree_node* head, std::string* title) {
  for (myhtml_tree_node_t* n = myhtml_node_child(head); n != nullptr; n = myhtml_node_next(n)) {
    if (myhtml_node_tag_id(n) == MyHTML_TAG_TITLE) return TakeTitle(n, title);
  }
}

// Returns true iff the walk should descend into node's children.
bool HtmlText::Enter(myhtml_tree_node* node, bool drop_chrome, Walk* walk, ParagraphBuilder* out) {
  const myhtml_tag_id_t id = myhtml_node_tag_id(node);
  if (id == MyHTML_TAG__TEXT) {
    // Text straight under <body> is a document that is half plain text;
    // its blank lines are its paragraph breaks.
    AppendText(node, walk->block_depth == 0, out);
    return false;
  }
  if (id == MyHTML_TAG__COMMENT || id == MyHTML_TAG__DOCTYPE) return false;
  if (id == MyHTML_TAG_TITLE) {  // head content that a stray tag pushed into body
    if (walk->title != nullptr && walk->title->empty()) TakeTitle(node, walk->title);
    return false;
  }
  const uint8_t flags = FlagsOf(node);
  if (flags & kTagDrop) return false;
  if (drop_chrome && ((flags & kTagChrome) || IsHidden(node))) {
    ++walk->chrome_skipped;
    return false;
  }
  if (flags & kTagBlock) {
    out->Break();
    if (id != MyHTML_TAG_HTML && id != MyHTML_TAG_BODY) ++walk->block_depth;
  }
  return true;
}

void HtmlText::Leave(myhtml_tree_node* node, Walk* walk, ParagraphBuilder* out) {
  const myhtml_tag_id_t id = myhtml_node_tag_id(node);
  if (FlagsOf(node) & kTagBlock) {
    out->Break();
    if (id != MyHTML_TAG_HTML && id != MyHTML_TAG_BODY && walk->block_depth > 0) {
      --walk->block_depth;
    }
  }
}

// Iterative pre-order walk: no recursion, so depth costs no stack.
void HtmlText::WalkTree(myhtml_tree_node* root, bool drop_chrome, Walk* walk,
                        ParagraphBuilder* out) {
  myhtml_tree_node_t* node = myhtml_node_child(root);
  while (node != nullptr) {
    if (Enter(node, drop_chrome, walk, out)) {
      myhtml_tree_node_t* child = myhtml_node_child(node);
      if (child != nullptr) {
        node = child;
        continue;
      }
      Leave(node, walk, out);
    }
    // Climb until a node has a next sibling, leaving each finished parent.
    while (node != root) {
      myhtml_tree_node_t* next = myhtml_node_next(node);
      if (next != nullptr) {
        node = next;
        break;
      }
      node = myhtml_node_parent(node);
      if (node == nullptr || node == root) {
        node = nullptr;
        break;
      }
      Leave(node, walk, out);
    }
    if (node == root) break;
  }
  out->Break();
}

bool HtmlText::Extract(std::string_view html, ParagraphBuilder* out, std::string* title) {
  if (tree_ == nullptr) return false;
  if (html.empty()) return true;
  if (myhtml_parse(tree_, MyENCODING_UTF_8, html.data(), html.size()) != MyHTML_STATUS_OK) {
    return false;
  }
  myhtml_tree_node_t* document = myhtml_tree_get_document(tree_);
  if (document == nullptr) return false;
  if (title->empty()) {
    myhtml_tree_node_t* head = myhtml_tree_get_node_head(tree_);
    if (head != nullptr) FindTitle(head, title);
  }
  Walk walk;
  walk.title = title;
  WalkTree(document, /*drop_chrome=*/true, &walk, out);
  if (out->text_bytes() < kMinTextWithoutChrome && walk.chrome_skipped > 0) {
    with_chrome_.Clear();
    Walk again;
    WalkTree(document, /*drop_chrome=*/false, &again, &with_chrome_);
    if (out->text_bytes() * kChromeRatio < with_chrome_.text_bytes()) std::swap(*out, with_chrome_);
  }
  return true;
}

}  // namespace reprint::clean
