#include "align/gaps.h"

#include <algorithm>

namespace reprint::align {
namespace {

constexpr uint32_t kUnset = ~uint32_t{0};

// Byte offset just after word i - 1 (0 before the first word).
size_t EndBefore(const WordTokens& t, uint32_t i) { return i == 0 ? 0 : t.spans[i - 1].end; }

struct Sides {
  std::vector<uint8_t> covered_a, covered_b;        // word aligned as a match
  std::vector<uint8_t> in_passage_a, in_passage_b;  // word inside a passage's range
  std::vector<size_t> b_after_a;  // per A word: B byte offset after its counterpart
  std::vector<size_t> a_after_b;
};

Gap GapFromOps(const WordTokens& a, const WordTokens& b, const WordOp* first, const WordOp* last) {
  Gap g;
  g.inside_passage = true;
  uint32_t a_lo = kUnset, a_hi = 0, b_lo = kUnset, b_hi = 0;
  for (const WordOp* op = first; op <= last; ++op) {
    g.a_words += op->a_words;
    g.b_words += op->b_words;
    if (op->a_words) a_lo = std::min(a_lo, op->a), a_hi = std::max(a_hi, op->a + op->a_words);
    if (op->b_words) b_lo = std::min(b_lo, op->b), b_hi = std::max(b_hi, op->b + op->b_words);
  }
  g.kind = g.a_words && g.b_words ? GapKind::kEdited : (g.a_words ? GapKind::kCut : GapKind::kAdded);
  if (g.a_words) g.a_begin = a.spans[a_lo].begin, g.a_end = a.spans[a_hi - 1].end;
  else g.a_begin = g.a_end = EndBefore(a, first->a);
  if (g.b_words) g.b_begin = b.spans[b_lo].begin, g.b_end = b.spans[b_hi - 1].end;
  else g.b_begin = g.b_end = EndBefore(b, first->b);
  return g;
}

void AddPassage(const WordTokens& a, const WordTokens& b, const Passage& p, Sides* sides, Alignment* out) {
  AlignedSpan span;
  span.a_begin = a.spans[p.a_begin].begin;
  span.a_end = a.spans[p.a_end - 1].end;
  span.b_begin = b.spans[p.b_begin].begin;
  span.b_end = b.spans[p.b_end - 1].end;
  span.a_words = p.a_end - p.a_begin;
  span.b_words = p.b_end - p.b_begin;
  span.matched_words = p.matched_words;
  span.score = p.score;
  out->spans.push_back(span);
  std::fill(sides->in_passage_a.begin() + p.a_begin, sides->in_passage_a.begin() + p.a_end, 1);
  std::fill(sides->in_passage_b.begin() + p.b_begin, sides->in_passage_b.begin() + p.b_end, 1);
  size_t run_start = p.ops.size();
  for (size_t k = 0; k <= p.ops.size(); ++k) {
    const bool equal = k == p.ops.size() || p.ops[k].kind == OpKind::kEqual;
    if (!equal && run_start == p.ops.size()) run_start = k;
    if (equal && run_start != p.ops.size()) {
      out->gaps.push_back(GapFromOps(a, b, &p.ops[run_start], &p.ops[k - 1]));
      run_start = p.ops.size();
    }
    if (k == p.ops.size()) break;
    const WordOp& op = p.ops[k];
    const uint8_t match = IsMatch(op.kind) ? 1 : 0;
    const size_t b_end = op.b_words ? b.spans[op.b + op.b_words - 1].end : EndBefore(b, op.b);
    const size_t a_end = op.a_words ? a.spans[op.a + op.a_words - 1].end : EndBefore(a, op.a);
    for (uint32_t i = op.a; i < op.a + op.a_words; ++i) sides->covered_a[i] |= match, sides->b_after_a[i] = b_end;
    for (uint32_t j = op.b; j < op.b + op.b_words; ++j) sides->covered_b[j] |= match, sides->a_after_b[j] = a_end;
  }
}

// Cut (A) or added (B) gaps for the runs of `text` words outside passages.
void AddOutsideGaps(const WordTokens& text, const std::vector<uint8_t>& in_passage, const std::vector<size_t>& other_after,
                    bool is_a, Alignment* out) {
  for (uint32_t i = 0; i < text.size();) {
    if (in_passage[i]) {
      ++i;
      continue;
    }
    uint32_t end = i;
    while (end < text.size() && !in_passage[end]) ++end;
    Gap g;
    g.kind = is_a ? GapKind::kCut : GapKind::kAdded;
    const size_t begin = text.spans[i].begin, finish = text.spans[end - 1].end;
    const size_t other = i > 0 ? other_after[i - 1] : 0;
    if (is_a) g.a_begin = begin, g.a_end = finish, g.a_words = end - i, g.b_begin = g.b_end = other;
    else g.b_begin = begin, g.b_end = finish, g.b_words = end - i, g.a_begin = g.a_end = other;
    out->gaps.push_back(g);
    i = end;
  }
}

}  // namespace

void DescribePassages(const WordTokens& a, const WordTokens& b, const std::vector<Passage>& passages, Alignment* out) {
  out->spans.clear();
  out->gaps.clear();
  out->a_words = a.size();
  out->b_words = b.size();
  Sides sides{std::vector<uint8_t>(a.size(), 0), std::vector<uint8_t>(b.size(), 0),
              std::vector<uint8_t>(a.size(), 0), std::vector<uint8_t>(b.size(), 0),
              std::vector<size_t>(a.size(), 0),  std::vector<size_t>(b.size(), 0)};
  for (const Passage& p : passages) AddPassage(a, b, p, &sides, out);
  AddOutsideGaps(a, sides.in_passage_a, sides.b_after_a, true, out);
  AddOutsideGaps(b, sides.in_passage_b, sides.a_after_b, false, out);
  std::stable_sort(out->gaps.begin(), out->gaps.end(), [](const Gap& x, const Gap& y) {
    return x.a_begin != y.a_begin ? x.a_begin < y.a_begin : x.b_begin < y.b_begin;
  });
  auto share = [](const std::vector<uint8_t>& covered) {
    if (covered.empty()) return 0.0;
    return static_cast<double>(std::count(covered.begin(), covered.end(), 1)) / static_cast<double>(covered.size());
  };
  out->coverage_a = share(sides.covered_a);
  out->coverage_b = share(sides.covered_b);
}

ReuseRelation ClassifyAlignment(const Alignment& al, bool identical, const AlignOptions& options) {
  if (al.a_words == 0 || al.b_words == 0) return identical ? ReuseRelation::kExactCopy : ReuseRelation::kUnrelated;
  if (identical) return ReuseRelation::kExactCopy;
  const bool b_is_copy = al.coverage_b >= al.coverage_a;
  const double copy_cov = b_is_copy ? al.coverage_b : al.coverage_a;
  const double other_cov = b_is_copy ? al.coverage_a : al.coverage_b;
  if (copy_cov >= options.copy_coverage) {
    // Words of the copy replaced or added inside passages: edits, not trims.
    size_t edited = 0;
    for (const Gap& g : al.gaps)
      if (g.inside_passage) edited += b_is_copy ? g.b_words : g.a_words;
    const double edited_share = static_cast<double>(edited) / static_cast<double>(b_is_copy ? al.b_words : al.a_words);
    if (other_cov < options.trimmed_coverage && edited_share <= options.edited_share) return ReuseRelation::kTrimmedCopy;
    return ReuseRelation::kEditedCopy;
  }
  if (!al.spans.empty() && std::max(al.coverage_a, al.coverage_b) >= options.partial_coverage)
    return ReuseRelation::kPartialReuse;
  return ReuseRelation::kUnrelated;
}

}  // namespace reprint::align
