#include "align/word_align.h"

#include <algorithm>
#include <limits>

#include "align/word_match.h"

namespace reprint::align {
namespace {

constexpr int kVariantScore = 1;
constexpr int kJoinedScore = 1;
constexpr int kSubstituteScore = -1;
constexpr int kGapScore = -1;
constexpr int kMinusInfinity = std::numeric_limits<int>::min() / 4;

// The window seen in alignment order: step k of A is word A(k) (reversed for
// kExtendLeft, so the anchor is always at k = 0).
struct Window {
  uint32_t begin, end;
  bool reversed;
  uint32_t size() const { return end - begin; }
  uint32_t At(uint32_t k) const { return reversed ? end - 1 - k : begin + k; }
  // Lower index of the two words at steps k and k + 1.
  uint32_t PairStart(uint32_t k) const { return reversed ? end - 2 - k : begin + k; }
};

struct Cell {
  int score = kMinusInfinity;
  OpKind op = OpKind::kEqual;
  uint8_t di = 0, dj = 0;  // words consumed by the op ending here
};

}  // namespace

int AlignWindow(const WordTokens& a, uint32_t a_begin, uint32_t a_end, const WordTokens& b, uint32_t b_begin,
                uint32_t b_end, WindowMode mode, std::vector<WordOp>* ops) {
  const bool reversed = mode == WindowMode::kExtendLeft;
  const Window wa{a_begin, a_end, reversed}, wb{b_begin, b_end, reversed};
  const uint32_t n = wa.size(), m = wb.size();
  const uint32_t width = m + 1;
  thread_local std::vector<Cell> cells;
  cells.assign(static_cast<size_t>(n + 1) * width, Cell{});
  auto at = [&](uint32_t i, uint32_t j) -> Cell& { return cells[static_cast<size_t>(i) * width + j]; };
  auto relax = [&](uint32_t i, uint32_t j, uint32_t di, uint32_t dj, int gain, OpKind op) {
    const Cell& from = at(i - di, j - dj);
    if (from.score == kMinusInfinity) return;
    Cell& to = at(i, j);
    if (from.score + gain > to.score) to = {from.score + gain, op, static_cast<uint8_t>(di), static_cast<uint8_t>(dj)};
  };
  at(0, 0).score = 0;
  uint32_t best_i = 0, best_j = 0;
  for (uint32_t i = 0; i <= n; ++i) {
    for (uint32_t j = 0; j <= m; ++j) {
      if (i == 0 && j == 0) continue;
      if (i > 0) relax(i, j, 1, 0, kGapScore, OpKind::kCut);
      if (j > 0) relax(i, j, 0, 1, kGapScore, OpKind::kAdded);
      if (i > 0 && j > 0) {
        const WordMatch match = CompareWords(a, wa.At(i - 1), b, wb.At(j - 1));
        if (match == WordMatch::kEqual) relax(i, j, 1, 1, kEqualScore, OpKind::kEqual);
        else if (match == WordMatch::kVariant) relax(i, j, 1, 1, kVariantScore, OpKind::kVariant);
        else relax(i, j, 1, 1, kSubstituteScore, OpKind::kSubstitute);
        if (i > 1 && JoinedEqual(a, wa.PairStart(i - 2), b, wb.At(j - 1)))
          relax(i, j, 2, 1, kJoinedScore, OpKind::kJoined);
        if (j > 1 && JoinedEqual(b, wb.PairStart(j - 2), a, wa.At(i - 1)))
          relax(i, j, 1, 2, kJoinedScore, OpKind::kJoined);
      }
      const Cell& c = at(i, j);
      if (c.score > at(best_i, best_j).score) best_i = i, best_j = j;
    }
  }
  uint32_t i = n, j = m;
  if (mode != WindowMode::kGlobal) {
    if (at(best_i, best_j).score <= 0) return 0;
    i = best_i, j = best_j;
  }
  const int score = at(i, j).score;
  const size_t first = ops->size();
  while (i > 0 || j > 0) {
    const Cell& c = at(i, j);
    WordOp op{c.op, c.di, c.dj, 0, 0};
    // Text-order index of the first word the op consumes on each side.
    op.a = reversed ? wa.At(i - 1) : wa.At(i - c.di);
    op.b = reversed ? wb.At(j - 1) : wb.At(j - c.dj);
    if (c.di == 0) op.a = reversed ? wa.end - i : wa.begin + i;  // where A stands
    if (c.dj == 0) op.b = reversed ? wb.end - j : wb.begin + j;
    ops->push_back(op);
    i -= c.di, j -= c.dj;
  }
  // Traceback yields ops from the far end to the anchor: text order for a
  // left extension, reversed otherwise.
  if (!reversed) std::reverse(ops->begin() + static_cast<std::ptrdiff_t>(first), ops->end());
  return score;
}

}  // namespace reprint::align
