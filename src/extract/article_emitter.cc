#include "extract/article_emitter.h"

#include <myhtml/api.h>

#include "clean/html_tags.h"
#include "extract/dom.h"

namespace reprint::extract {
namespace {

bool InFigure(const NodeTable& t, int32_t row) {
  for (int32_t r = row; r >= 0; r = t.rows[r].parent) {
    if (t.rows[r].tag == MyHTML_TAG_FIGURE) return true;
  }
  return false;
}

bool CleanedTag(uint32_t tag) {
  switch (tag) {
    case MyHTML_TAG_FORM: case MyHTML_TAG_FIELDSET: case MyHTML_TAG_TABLE: case MyHTML_TAG_UL: case MyHTML_TAG_OL:
    case MyHTML_TAG_DL: case MyHTML_TAG_DIV: case MyHTML_TAG_SECTION: case MyHTML_TAG_HEADER:
    case MyHTML_TAG_FOOTER: case MyHTML_TAG_ASIDE: case MyHTML_TAG_FIGURE:
      return true;
    default:
      return false;
  }
}

std::string FoldedText(myhtml_tree_node_t* node) {
  clean::ParagraphBuilder b;
  AppendAllText(node, &b);
  return b.paragraphs().empty() ? std::string() : std::string(b.Range(0, b.paragraphs().size()));
}

}  // namespace

bool DropInsideArticle(const NodeTable& t, int32_t row) {
  const NodeRow& r = t.rows[row];
  if ((r.tag == MyHTML_TAG_H1 || r.tag == MyHTML_TAG_H2) && r.weight < 0) return true;
  if (!CleanedTag(r.tag)) return false;
  if (r.weight + (r.candidate ? r.score : 0.0) < 0) return true;
  if (r.commas >= 10) return false;
  const bool is_list = r.tag == MyHTML_TAG_UL || r.tag == MyHTML_TAG_OL;
  const double p = r.paragraphs, img = r.images, li = static_cast<double>(r.list_items) - 100, input = r.inputs;
  const double heading_density = r.text == 0 ? 0.0 : static_cast<double>(r.heading_text) / r.text;
  const double ld = r.link_density();
  const bool figure = InFigure(t, row);
  if (img > 1 && p / img < 0.5 && !figure) return true;
  if (!is_list && li > p) return true;
  if (input > static_cast<double>(r.paragraphs / 3)) return true;
  if (!is_list && heading_density < 0.9 && r.text < 25 && (img == 0 || img > 2) && !figure) return true;
  if (!is_list && r.weight < 25 && ld > 0.2) return true;
  if (r.weight >= 25 && ld > 0.5) return true;
  if ((r.embeds == 1 && r.text < 75) || r.embeds > 1) return true;
  return false;
}

void EmitArticle(const NodeTable& t, const Selection& sel, const ScoreFlags& flags, std::string_view title,
                 clean::ParagraphBuilder* out) {
  std::string decoded, scratch;
  const std::string folded_title = title.empty() ? std::string() : [&] {
    clean::ParagraphBuilder b;
    b.Append(title);
    b.Break();
    return b.paragraphs().empty() ? std::string() : std::string(b.paragraph(0));
  }();
  for (int32_t root_row : sel.roots) {
    myhtml_tree_node_t* root = t.rows[root_row].node;
    out->Break();
    myhtml_tree_node_t* node = myhtml_node_child(root);
    while (node != nullptr) {
      const myhtml_tag_id_t id = myhtml_node_tag_id(node);
      bool descend = false;
      if (id == MyHTML_TAG__TEXT) {
        AppendNodeText(node, out, &decoded, &scratch);
      } else if (id != MyHTML_TAG__COMMENT && id != MyHTML_TAG__DOCTYPE) {
        const int32_t row = RowOf(node);
        bool keep = row >= 0 && !t.rows[row].removed;
        if (keep && flags.clean_conditionally && DropInsideArticle(t, row)) keep = false;
        if (keep && (id == MyHTML_TAG_H1 || id == MyHTML_TAG_H2) && !folded_title.empty() &&
            t.rows[row].text < 400 && FoldedText(node) == folded_title) {
          keep = false;
        }
        if (keep) {
          if (t.rows[row].tag_flags & clean::kTagBlock) out->Break();
          descend = true;
        }
      }
      if (descend && myhtml_node_child(node) != nullptr) {
        node = myhtml_node_child(node);
        continue;
      }
      while (node != nullptr && node != root) {
        const myhtml_tag_id_t nid = myhtml_node_tag_id(node);
        const int32_t row = nid == MyHTML_TAG__TEXT || nid == MyHTML_TAG__COMMENT ? -1 : RowOf(node);
        if (row >= 0 && (t.rows[row].tag_flags & clean::kTagBlock)) out->Break();
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
}

}  // namespace reprint::extract
