#include "align/tiles.h"

#include <algorithm>
#include <bit>
#include <cstddef>

#include "util/hash_mix.h"

namespace reprint::align {
namespace {

// Hash of every n-gram of words: grams[i] covers words[i, i + n).
std::vector<uint64_t> GramHashes(const std::vector<uint64_t>& words, size_t n) {
  std::vector<uint64_t> grams;
  if (words.size() < n) return grams;
  grams.resize(words.size() - n + 1);
  for (size_t i = 0; i < grams.size(); ++i) {
    uint64_t h = words[i];
    for (size_t k = 1; k < n; ++k) h = HashCombine(h, words[i + k]);
    grams[i] = Mix64(h);
  }
  return grams;
}

// Positions of A's n-grams by hash: open addressing over slots that head a
// chain of positions with the same hash (next[] links them, in order).
class GramTable {
 public:
  explicit GramTable(const std::vector<uint64_t>& grams) : next_(grams.size(), kNone) {
    const size_t capacity = std::bit_ceil(std::max<size_t>(16, grams.size() * 2));
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    std::vector<uint32_t> tail(capacity, kNone);
    for (size_t i = 0; i < grams.size(); ++i) {
      const size_t s = Find(grams[i]);
      Slot& slot = slots_[s];
      if (slot.count == 0) {
        slot.key = grams[i];
        slot.head = static_cast<uint32_t>(i);
      } else {
        next_[tail[s]] = static_cast<uint32_t>(i);
      }
      tail[s] = static_cast<uint32_t>(i);
      ++slot.count;
    }
  }

  // Returns the first position of `gram` in A and sets *count, or kNone.
  uint32_t Lookup(uint64_t gram, uint32_t* count) const {
    const Slot& slot = slots_[Find(gram)];
    *count = slot.count;
    return slot.count == 0 ? kNone : slot.head;
  }
  uint32_t Next(uint32_t position) const { return next_[position]; }

  static constexpr uint32_t kNone = ~uint32_t{0};

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t head = kNone;
    uint32_t count = 0;
  };
  size_t Find(uint64_t gram) const {
    size_t s = gram & mask_;
    while (slots_[s].count != 0 && slots_[s].key != gram) s = (s + 1) & mask_;
    return s;
  }

  std::vector<Slot> slots_;
  std::vector<uint32_t> next_;
  size_t mask_ = 0;
};

// Maximal exact matches seeded by shared n-grams. A seed whose preceding word
// pair also matched a (seeding) n-gram lies inside a match already found.
std::vector<Tile> MaximalMatches(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b, size_t n,
                                 uint32_t max_occurrences) {
  std::vector<Tile> matches;
  const std::vector<uint64_t> grams_a = GramHashes(a, n);
  const std::vector<uint64_t> grams_b = GramHashes(b, n);
  if (grams_a.empty() || grams_b.empty()) return matches;
  const GramTable table(grams_a);
  uint32_t previous_count = 0;  // occurrences in A of the n-gram at j - 1
  for (size_t j = 0; j < grams_b.size(); ++j) {
    uint32_t count = 0;
    uint32_t i = table.Lookup(grams_b[j], &count);
    const bool seeds = count > 0 && count <= max_occurrences;
    for (; seeds && i != GramTable::kNone; i = table.Next(i)) {
      const bool inside = i > 0 && j > 0 && previous_count > 0 && previous_count <= max_occurrences &&
                          grams_a[i - 1] == grams_b[j - 1];
      if (inside || a[i] != b[j]) continue;  // also guards against hash collisions
      size_t start_a = i, start_b = j;
      while (start_a > 0 && start_b > 0 && a[start_a - 1] == b[start_b - 1]) --start_a, --start_b;
      size_t end_a = i, end_b = j;
      while (end_a < a.size() && end_b < b.size() && a[end_a] == b[end_b]) ++end_a, ++end_b;
      if (end_a - start_a >= n)
        matches.push_back({static_cast<uint32_t>(start_a), static_cast<uint32_t>(start_b),
                           static_cast<uint32_t>(end_a - start_a)});
    }
    previous_count = count;
  }
  return matches;
}

}  // namespace

std::vector<Tile> FindTiles(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b, int seed_words,
                            int max_occurrences) {
  const size_t n = static_cast<size_t>(std::max(seed_words, 1));
  std::vector<Tile> matches = MaximalMatches(a, b, n, static_cast<uint32_t>(std::max(max_occurrences, 1)));
  std::sort(matches.begin(), matches.end(), [](const Tile& x, const Tile& y) {
    if (x.length != y.length) return x.length > y.length;
    return x.b != y.b ? x.b < y.b : x.a < y.a;
  });
  std::vector<uint8_t> used_a(a.size(), 0), used_b(b.size(), 0);
  std::vector<Tile> tiles;
  for (const Tile& m : matches) {
    // Keep the stretches of the match where neither word is taken yet.
    uint32_t run = 0;
    for (uint32_t k = 0; k <= m.length; ++k) {
      const bool free = k < m.length && !used_a[m.a + k] && !used_b[m.b + k];
      if (free) {
        ++run;
        continue;
      }
      if (run >= n) {
        const Tile t{m.a + k - run, m.b + k - run, run};
        std::fill_n(used_a.begin() + t.a, run, 1);
        std::fill_n(used_b.begin() + t.b, run, 1);
        tiles.push_back(t);
      }
      run = 0;
    }
  }
  std::sort(tiles.begin(), tiles.end(), [](const Tile& x, const Tile& y) { return x.b < y.b; });
  return tiles;
}

}  // namespace reprint::align
