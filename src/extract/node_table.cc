#include "extract/node_table.h"

#include <myhtml/api.h>

#include <string_view>

#include "clean/html_tags.h"
#include "clean/paragraphs.h"
#include "extract/class_hints.h"
#include "extract/dom.h"

namespace reprint::extract {
namespace {

uint8_t TagFlags(myhtml_tree_node_t* n) {
  size_t len = 0;
  const char* name = myhtml_tag_name_by_id(myhtml_node_tree(n), myhtml_node_tag_id(n), &len);
  return name == nullptr ? uint8_t{0} : clean::TagFlagsOf(std::string_view(name, len));
}

bool IsHidden(myhtml_tree_node_t* n) {
  if (myhtml_attribute_by_key(n, "hidden", 6) != nullptr) return true;
  if (AttrValue(n, "aria-hidden") == "true") {
    return true;
  }
  const std::string_view style = AttrValue(n, "style");
  return style.find("display:none") != std::string_view::npos ||
         style.find("display: none") != std::string_view::npos ||
         style.find("visibility:hidden") != std::string_view::npos ||
         style.find("visibility: hidden") != std::string_view::npos;
}

// Visible bytes of a text node (ASCII whitespace excluded) and its commas.
void CountText(std::string_view s, uint32_t* bytes, uint32_t* commas) {
  uint32_t b = 0, c = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char ch = static_cast<unsigned char>(s[i]);
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') continue;
    ++b;
    if (ch == ',') ++c;
    // U+FF0C fullwidth comma, U+3001 ideographic comma
    if (ch == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) == 0x8C) {
      ++c;
    }
    if (ch == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x81) {
      ++c;
    }
  }
  *bytes = b;
  *commas = c;
}

void AddRow(myhtml_tree_node_t* n, int32_t parent, const ScoreFlags& flags, NodeTable* t, std::string* names) {
  NodeRow row;
  row.node = n;
  row.parent = parent;
  row.tag = myhtml_node_tag_id(n);
  row.tag_flags = TagFlags(n);
  names->assign(AttrValue(n, "class"));
  names->push_back(' ');
  names->append(AttrValue(n, "id"));
  AsciiLower(names);
  if (names->size() == 1) names->clear();
  if (flags.weight_classes) row.weight = ClassWeight(*names);
  const bool structural = row.tag == MyHTML_TAG_BODY || row.tag == MyHTML_TAG_HTML;
  if (!structural) {
    if (row.tag_flags & clean::kTagDrop) row.removed = true;
    if (IsHidden(n) || IsChromeRole(AttrValue(n, "role"))) row.removed = true;
    if (row.tag == MyHTML_TAG_NAV || row.tag == MyHTML_TAG_FORM || row.tag == MyHTML_TAG_BUTTON ||
        row.tag == MyHTML_TAG_SELECT || row.tag == MyHTML_TAG_TEXTAREA || row.tag == MyHTML_TAG_ASIDE) {
      row.removed = true;
    }
    if (flags.strip_unlikely && row.tag != MyHTML_TAG_A && IsUnlikelyCandidate(*names)) row.removed = true;
    if (!row.removed && (AttrValue(n, "rel") == "author" || IsBylineName(*names) ||
                         AttrValue(n, "itemprop").find("author") != std::string_view::npos)) {
      clean::ParagraphBuilder b;
      AppendAllText(n, &b);
      if (b.text_bytes() > 0 && b.text_bytes() < 100) {
        row.removed = true;
        if (t->byline.empty()) t->byline.assign(b.paragraph(0));
      }
    }
  }
  switch (row.tag) {
    case MyHTML_TAG_P: row.paragraphs = 1; break;
    case MyHTML_TAG_IMG: row.images = 1; break;
    case MyHTML_TAG_LI: row.list_items = 1; break;
    case MyHTML_TAG_INPUT: row.inputs = 1; break;
    case MyHTML_TAG_EMBED: case MyHTML_TAG_OBJECT: case MyHTML_TAG_IFRAME: row.embeds = 1; break;
    default: break;
  }
  myhtml_node_set_data(n, reinterpret_cast<void*>(static_cast<uintptr_t>(t->rows.size() + 1)));
  t->rows.push_back(row);
}

bool IsHeading(uint32_t tag) { return tag >= MyHTML_TAG_H1 && tag <= MyHTML_TAG_H6; }

}  // namespace

int32_t RowOf(myhtml_tree_node* node) {
  return static_cast<int32_t>(reinterpret_cast<uintptr_t>(myhtml_node_get_data(node))) - 1;
}

void BuildNodeTable(myhtml_tree_node* body, const ScoreFlags& flags, NodeTable* t) {
  t->Clear();
  std::string names;
  std::vector<int32_t> stack;  // open elements
  std::vector<int32_t> block_of, link_of, heading_of;  // nearest block / <a> / heading ancestor per row
  AddRow(body, -1, flags, t, &names);
  t->body = 0;
  block_of.push_back(0);
  link_of.push_back(-1);
  heading_of.push_back(-1);
  stack.push_back(0);
  myhtml_tree_node_t* node = myhtml_node_child(body);
  while (node != nullptr) {
    const myhtml_tag_id_t id = myhtml_node_tag_id(node);
    const int32_t parent = stack.back();
    bool descended = false;
    if (id == MyHTML_TAG__TEXT) {
      size_t len = 0;
      const char* text = myhtml_node_text(node, &len);
      uint32_t bytes = 0, commas = 0;
      if (text != nullptr) CountText(std::string_view(text, len), &bytes, &commas);
      if (bytes > 0) {
        NodeRow& p = t->rows[parent];
        p.text += bytes;  // summed up the tree below
        p.commas += commas;
        if (link_of[parent] >= 0) p.link_text += bytes;
        if (heading_of[parent] >= 0) p.heading_text += bytes;
        NodeRow& b = t->rows[block_of[parent]];
        b.inline_text += bytes;
        b.inline_commas += commas;
      }
    } else if (id != MyHTML_TAG__COMMENT && id != MyHTML_TAG__DOCTYPE) {
      AddRow(node, parent, flags, t, &names);
      const int32_t row = static_cast<int32_t>(t->rows.size() - 1);
      const NodeRow& r = t->rows[row];
      if (r.tag_flags & clean::kTagBlock) t->rows[parent].has_block_child = true;
      block_of.push_back((r.tag_flags & clean::kTagBlock) ? row : block_of[parent]);
      link_of.push_back(r.tag == MyHTML_TAG_A ? row : link_of[parent]);
      heading_of.push_back(IsHeading(r.tag) ? row : heading_of[parent]);
      if (!r.removed && myhtml_node_child(node) != nullptr) {
        stack.push_back(row);
        node = myhtml_node_child(node);
        descended = true;
      }
    }
    if (descended) continue;
    while (node != nullptr) {
      if (myhtml_node_next(node) != nullptr) {
        node = myhtml_node_next(node);
        break;
      }
      node = myhtml_node_parent(node);
      if (node == nullptr || node == body) {
        node = nullptr;
        break;
      }
      stack.pop_back();
    }
  }
  // Sum subtree statistics bottom-up: children have larger numbers.
  for (size_t i = t->rows.size(); i-- > 1;) {
    const NodeRow& c = t->rows[i];
    if (c.removed) continue;
    NodeRow& p = t->rows[c.parent];
    p.text += c.text;
    p.link_text += c.link_text;
    p.commas += c.commas;
    p.heading_text += c.heading_text;
    p.paragraphs += c.paragraphs;
    p.images += c.images;
    p.list_items += c.list_items;
    p.inputs += c.inputs;
    p.embeds += c.embeds;
  }
}

}  // namespace reprint::extract
