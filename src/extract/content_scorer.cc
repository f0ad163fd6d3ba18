#include "extract/content_scorer.h"

#include <myhtml/api.h>

#include <algorithm>
#include <string_view>

#include "clean/paragraphs.h"
#include "extract/dom.h"

namespace reprint::extract {
namespace {

constexpr uint32_t kMinParagraphBytes = 25;
constexpr int kAncestorLevels = 5;
constexpr size_t kTopCandidates = 5;
constexpr int kMinSharedCandidates = 3;

bool IsHeading(uint32_t tag) { return tag >= MyHTML_TAG_H1 && tag <= MyHTML_TAG_H6; }

int TagPrior(uint32_t tag) {
  switch (tag) {
    case MyHTML_TAG_DIV: return 5;
    case MyHTML_TAG_PRE: case MyHTML_TAG_TD: case MyHTML_TAG_BLOCKQUOTE: return 3;
    case MyHTML_TAG_ADDRESS: case MyHTML_TAG_OL: case MyHTML_TAG_UL: case MyHTML_TAG_DL: case MyHTML_TAG_DD:
    case MyHTML_TAG_DT: case MyHTML_TAG_LI: case MyHTML_TAG_FORM: return -3;
    case MyHTML_TAG_TH: return -5;
    default: return IsHeading(tag) ? -5 : 0;
  }
}

// Elements whose whole text is one paragraph unit for their parent.
bool IsParagraphUnit(const NodeRow& r) {
  switch (r.tag) {
    case MyHTML_TAG_P: case MyHTML_TAG_PRE: case MyHTML_TAG_TD:
    case MyHTML_TAG_H2: case MyHTML_TAG_H3: case MyHTML_TAG_H4: case MyHTML_TAG_H5: case MyHTML_TAG_H6:
      return true;
    case MyHTML_TAG_DIV: case MyHTML_TAG_SECTION: case MyHTML_TAG_ARTICLE: case MyHTML_TAG_MAIN:
      return !r.has_block_child;
    default: return false;
  }
}

void AddScore(NodeTable* t, int32_t row, double score) {
  NodeRow& r = t->rows[row];
  if (!r.candidate) {
    r.candidate = true;
    r.score = TagPrior(r.tag) + r.weight;
  }
  r.score += score;
}

void Propagate(NodeTable* t, int32_t first, double score) {
  int32_t row = first;
  for (int level = 0; level < kAncestorLevels && row >= 0; ++level) {
    const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
    AddScore(t, row, score / divider);
    row = t->rows[row].parent;
  }
}

bool IsAncestor(const NodeTable& t, int32_t ancestor, int32_t row) {
  for (int32_t r = row; r >= 0; r = t.rows[r].parent) {
    if (r == ancestor) return true;
  }
  return false;
}

int32_t ElementChildren(const NodeTable& t, int32_t row, int32_t* only) {
  int32_t n = 0;
  for (myhtml_tree_node_t* c = myhtml_node_child(t.rows[row].node); c != nullptr; c = myhtml_node_next(c)) {
    const myhtml_tag_id_t id = myhtml_node_tag_id(c);
    if (id == MyHTML_TAG__TEXT) {
      size_t len = 0;
      const char* s = myhtml_node_text(c, &len);
      for (size_t i = 0; s != nullptr && i < len; ++i) {
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r') return 2;  // text: not an only child
      }
      continue;
    }
    if (id == MyHTML_TAG__COMMENT) continue;
    ++n;
    *only = RowOf(c);
  }
  return n;
}

bool EndsSentence(myhtml_tree_node_t* node) {
  clean::ParagraphBuilder b;
  AppendAllText(node, &b);
  if (b.paragraphs().empty()) return false;
  const std::string_view all = b.Range(0, b.paragraphs().size());
  return all.back() == '.' || all.find(". ") != std::string_view::npos;
}

}  // namespace

bool ProseSibling(uint32_t text, double link_density, bool ends_sentence) {
  if (text > 80) return link_density < 0.25;
  return text > 0 && link_density == 0 && ends_sentence;
}

Selection ScoreAndSelect(NodeTable* t) {
  Selection sel;
  const int32_t n = static_cast<int32_t>(t->rows.size());
  for (int32_t i = 0; i < n; ++i) {
    const NodeRow& r = t->rows[i];
    if (r.removed) continue;
    if (IsParagraphUnit(r)) {
      if (r.text < kMinParagraphBytes || r.parent < 0) continue;
      Propagate(t, r.parent, 1.0 + r.commas + std::min(r.text / 100.0, 3.0));
    } else if (r.has_block_child && r.inline_text >= kMinParagraphBytes) {
      // Text between the blocks of a mixed container: an unwrapped paragraph.
      Propagate(t, i, 1.0 + r.inline_commas + std::min(r.inline_text / 100.0, 3.0));
    }
  }
  std::vector<int32_t> best;
  for (int32_t i = 0; i < n; ++i) {
    NodeRow& r = t->rows[i];
    if (!r.candidate) continue;
    r.score *= 1.0 - r.link_density();
    best.push_back(i);
  }
  if (best.empty()) return sel;
  std::stable_sort(best.begin(), best.end(), [&](int32_t a, int32_t b) { return t->rows[a].score > t->rows[b].score; });
  if (best.size() > kTopCandidates) best.resize(kTopCandidates);
  int32_t top = best[0];
  const double top_score = t->rows[top].score;

  // Several strong candidates under one ancestor: the article is split.
  std::vector<int32_t> alternatives;
  for (size_t k = 1; k < best.size(); ++k) {
    if (t->rows[best[k]].score / top_score >= 0.75) alternatives.push_back(best[k]);
  }
  if (alternatives.size() >= kMinSharedCandidates) {
    for (int32_t p = t->rows[top].parent; p >= 0 && p != t->body; p = t->rows[p].parent) {
      int shared = 0;
      for (int32_t a : alternatives) shared += IsAncestor(*t, p, a) ? 1 : 0;
      if (shared >= kMinSharedCandidates) {
        top = p;
        break;
      }
    }
  }
  // A parent that scores higher than its best child is the better container.
  double last = t->rows[top].score;
  for (int32_t p = t->rows[top].parent; p >= 0 && p != t->body; p = t->rows[p].parent) {
    const NodeRow& pr = t->rows[p];
    if (!pr.candidate) continue;
    if (pr.score < last / 3) break;
    if (pr.score > last) {
      top = p;
      break;
    }
    last = pr.score;
  }
  // An only child says nothing its parent does not.
  for (int32_t p = t->rows[top].parent; p >= 0 && p != t->body; p = t->rows[p].parent) {
    int32_t only = -1;
    if (ElementChildren(*t, p, &only) != 1) break;
    top = p;
  }
  sel.top = top;
  const NodeRow& tr = t->rows[top];
  if (tr.parent < 0) {
    sel.roots.push_back(top);
    return sel;
  }
  const double threshold = std::max(10.0, tr.score * 0.2);
  const std::string_view top_class = AttrValue(tr.node, "class");
  for (myhtml_tree_node_t* c = myhtml_node_child(t->rows[tr.parent].node); c != nullptr; c = myhtml_node_next(c)) {
    const int32_t row = RowOf(c);
    if (row < 0 || myhtml_node_tag_id(c) == MyHTML_TAG__TEXT) continue;
    if (row == top) {
      sel.roots.push_back(row);
      continue;
    }
    const NodeRow& s = t->rows[row];
    if (s.removed) continue;
    double bonus = 0;
    if (!top_class.empty() && AttrValue(c, "class") == top_class) bonus = tr.score * 0.2;
    if (s.candidate && s.score + bonus >= threshold) {
      sel.roots.push_back(row);
    } else if (s.tag == MyHTML_TAG_P || (IsParagraphUnit(s) && s.tag != MyHTML_TAG_TD)) {
      const bool short_text = s.text <= 80;
      if (ProseSibling(s.text, s.link_density(), short_text && EndsSentence(c))) sel.roots.push_back(row);
    }
  }
  return sel;
}

}  // namespace reprint::extract
