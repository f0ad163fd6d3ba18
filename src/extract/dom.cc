#include "extract/dom.h"

#include <myhtml/api.h>

#include <cstring>

#include "clean/entities.h"
#include "clean/html_tags.h"

namespace reprint::extract {

constexpr int kEntityRounds = 3;

HtmlDocument::HtmlDocument() {
  myhtml_ = myhtml_create();
  if (myhtml_ != nullptr && myhtml_init(myhtml_, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK) {
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
}

HtmlDocument::~HtmlDocument() {
  if (tree_ != nullptr) myhtml_tree_destroy(tree_);
  if (myhtml_ != nullptr) myhtml_destroy(myhtml_);
}

bool HtmlDocument::Parse(std::string_view html) {
  if (tree_ == nullptr) return false;
  return myhtml_parse(tree_, MyENCODING_UTF_8, html.data(), html.size()) == MyHTML_STATUS_OK;
}

myhtml_tree_node* HtmlDocument::html() const { return myhtml_tree_get_node_html(tree_); }
myhtml_tree_node* HtmlDocument::head() const { return myhtml_tree_get_node_head(tree_); }
myhtml_tree_node* HtmlDocument::body() const { return myhtml_tree_get_node_body(tree_); }

std::string_view AttrValue(myhtml_tree_node* node, std::string_view key) {
  for (myhtml_tree_attr_t* a = myhtml_node_attribute_first(node); a != nullptr; a = myhtml_attribute_next(a)) {
    size_t len = 0;
    const char* k = myhtml_attribute_key(a, &len);
    if (k == nullptr || std::string_view(k, len) != key) continue;
    size_t vlen = 0;
    const char* v = myhtml_attribute_value(a, &vlen);
    return v == nullptr ? std::string_view() : std::string_view(v, vlen);
  }
  return {};
}

void AppendNodeText(myhtml_tree_node* node, clean::ParagraphBuilder* out, std::string* decoded,
                    std::string* scratch) {
  size_t len = 0;
  const char* text = myhtml_node_text(node, &len);
  if (text == nullptr || len == 0) return;
  std::string_view view(text, len);
  if (std::memchr(text, '&', len) != nullptr) {
    clean::DecodeEntities(view, clean::EntityMode::kAll, kEntityRounds, decoded, scratch);
    view = *decoded;
  }
  out->Append(view);
}

void AppendAllText(myhtml_tree_node* root, clean::ParagraphBuilder* out) {
  std::string decoded, scratch;
  myhtml_tree_node_t* node = myhtml_node_child(root);
  auto block = [](myhtml_tree_node_t* n) {
    size_t len = 0;
    const char* name = myhtml_tag_name_by_id(myhtml_node_tree(n), myhtml_node_tag_id(n), &len);
    return name == nullptr ? uint8_t{0} : clean::TagFlagsOf(std::string_view(name, len));
  };
  while (node != nullptr) {
    const myhtml_tag_id_t id = myhtml_node_tag_id(node);
    bool descend = false;
    if (id == MyHTML_TAG__TEXT) {
      AppendNodeText(node, out, &decoded, &scratch);
    } else if (id != MyHTML_TAG__COMMENT && id != MyHTML_TAG__DOCTYPE) {
      const uint8_t flags = block(node);
      if (!(flags & clean::kTagDrop)) {
        if (flags & clean::kTagBlock) out->Break();
        descend = true;
      }
    }
    if (descend && myhtml_node_child(node) != nullptr) {
      node = myhtml_node_child(node);
      continue;
    }
    while (node != nullptr && node != root) {
      if (block(node) & clean::kTagBlock) out->Break();
      if (myhtml_node_next(node) != nullptr) {
        node = myhtml_node_next(node);
        break;
      }
      node = myhtml_node_parent(node);
    }
    if (node == root) break;
  }
  out->Break();
}

void AsciiLower(std::string* s) {
  for (char& c : *s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

}  // namespace reprint::extract
