#include "align/passages.h"

#include <algorithm>
#include <span>

namespace reprint::align {
namespace {

// Chains tried when placing a tile, most recent first: a tile far from all of
// them starts a new chain (bounds the work per tile).
constexpr size_t kOpenChains = 8;

void MarkTiles(const std::vector<std::vector<Tile>>& chains, std::vector<uint8_t>* used_a, std::vector<uint8_t>* used_b) {
  for (const auto& chain : chains)
    for (const Tile& t : chain) {
      std::fill_n(used_a->begin() + t.a, t.length, 1);
      std::fill_n(used_b->begin() + t.b, t.length, 1);
    }
}

void MarkOps(const std::vector<WordOp>& ops, std::vector<uint8_t>* used_a, std::vector<uint8_t>* used_b) {
  for (const WordOp& op : ops) {
    std::fill_n(used_a->begin() + op.a, op.a_words, 1);
    std::fill_n(used_b->begin() + op.b, op.b_words, 1);
  }
}

// Free words just before `begin` (backwards) or from `begin` on, at most `limit`.
uint32_t FreeBefore(const std::vector<uint8_t>& used, uint32_t begin, int limit) {
  uint32_t start = begin;
  while (start > 0 && begin - start < static_cast<uint32_t>(limit) && !used[start - 1]) --start;
  return start;
}
uint32_t FreeFrom(const std::vector<uint8_t>& used, uint32_t begin, int limit) {
  uint32_t end = begin;
  while (end < used.size() && end - begin < static_cast<uint32_t>(limit) && !used[end]) ++end;
  return end;
}

// Returns true iff a word of [begin, end) is taken (by any tile or passage).
bool AnyUsed(const std::vector<uint8_t>& used, uint32_t begin, uint32_t end) {
  return std::find(used.begin() + begin, used.begin() + end, 1) != used.begin() + end;
}

// Aligns the tiles of one chain segment (no word between them is taken).
Passage AlignChain(const WordTokens& a, const WordTokens& b, std::span<const Tile> chain, const AlignOptions& options,
                   std::vector<uint8_t>* used_a, std::vector<uint8_t>* used_b) {
  Passage p;
  const Tile& first = chain.front();
  const Tile& last = chain.back();
  const int extend = std::min(options.extend_words, 255);
  p.score += AlignWindow(a, FreeBefore(*used_a, first.a, extend), first.a, b, FreeBefore(*used_b, first.b, extend), first.b,
                         WindowMode::kExtendLeft, &p.ops);
  for (size_t t = 0; t < chain.size(); ++t) {
    const Tile& tile = chain[t];
    if (t > 0) {
      const Tile& prev = chain[t - 1];
      p.score += AlignWindow(a, prev.a_end(), tile.a, b, prev.b_end(), tile.b, WindowMode::kGlobal, &p.ops);
    }
    for (uint32_t k = 0; k < tile.length; ++k) p.ops.push_back({OpKind::kEqual, 1, 1, tile.a + k, tile.b + k});
    p.score += kEqualScore * static_cast<int>(tile.length);
  }
  p.score += AlignWindow(a, last.a_end(), FreeFrom(*used_a, last.a_end(), extend), b, last.b_end(),
                         FreeFrom(*used_b, last.b_end(), extend), WindowMode::kExtendRight, &p.ops);
  MarkOps(p.ops, used_a, used_b);
  p.a_begin = p.ops.front().a;
  p.b_begin = p.ops.front().b;
  p.a_end = p.ops.back().a + p.ops.back().a_words;
  p.b_end = p.ops.back().b + p.ops.back().b_words;
  for (const WordOp& op : p.ops)
    if (IsMatch(op.kind)) p.matched_words += op.a_words;
  return p;
}

}  // namespace

std::vector<std::vector<Tile>> ChainTiles(const std::vector<Tile>& tiles, int max_gap_words) {
  std::vector<std::vector<Tile>> chains;
  const auto gap_limit = static_cast<uint32_t>(std::max(max_gap_words, 0));
  for (const Tile& t : tiles) {
    size_t best = chains.size();
    uint32_t best_gap = 0;
    const size_t oldest = chains.size() > kOpenChains ? chains.size() - kOpenChains : 0;
    for (size_t c = chains.size(); c-- > oldest;) {
      const Tile& last = chains[c].back();
      if (t.a < last.a_end() || t.b < last.b_end()) continue;
      const uint32_t gap_a = t.a - last.a_end(), gap_b = t.b - last.b_end();
      if (gap_a > gap_limit || gap_b > gap_limit) continue;
      if (best == chains.size() || gap_a + gap_b < best_gap) best = c, best_gap = gap_a + gap_b;
    }
    if (best == chains.size()) chains.emplace_back();
    chains[best].push_back(t);
  }
  return chains;
}

std::vector<Passage> BuildPassages(const WordTokens& a, const WordTokens& b, const std::vector<std::vector<Tile>>& chains,
                                   const AlignOptions& options) {
  std::vector<uint8_t> used_a(a.size(), 0), used_b(b.size(), 0);
  MarkTiles(chains, &used_a, &used_b);
  // Longest chains extend first: their neighbourhoods are the likeliest reuse.
  std::vector<size_t> order(chains.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<size_t> words(chains.size(), 0);
  for (size_t c = 0; c < chains.size(); ++c)
    for (const Tile& t : chains[c]) words[c] += t.length;
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return words[x] > words[y]; });
  std::vector<Passage> passages;
  const auto min_words = static_cast<size_t>(std::max(options.min_passage_words, 1));
  for (size_t c : order) {
    const std::vector<Tile>& chain = chains[c];
    // A chain is split where the words between two of its tiles are taken
    // (a tile of another chain, another passage's extension): no word is
    // aligned twice.
    size_t start = 0;
    for (size_t t = 1; t <= chain.size(); ++t) {
      if (t < chain.size() && !AnyUsed(used_a, chain[t - 1].a_end(), chain[t].a) &&
          !AnyUsed(used_b, chain[t - 1].b_end(), chain[t].b))
        continue;
      Passage p = AlignChain(a, b, std::span<const Tile>(chain).subspan(start, t - start), options, &used_a, &used_b);
      if (p.matched_words >= min_words) passages.push_back(std::move(p));
      start = t;
    }
  }
  std::sort(passages.begin(), passages.end(), [](const Passage& x, const Passage& y) {
    return x.a_begin != y.a_begin ? x.a_begin < y.a_begin : x.b_begin < y.b_begin;
  });
  return passages;
}

}  // namespace reprint::align
