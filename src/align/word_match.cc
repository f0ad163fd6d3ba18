#include "align/word_match.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace reprint::align {
namespace {

inline unsigned char Fold(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'A' && u <= 'Z') ? static_cast<unsigned char>(u | 0x20) : u;
}

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

constexpr size_t kMaxVariantBytes = 40;

}  // namespace

int BoundedEditDistance(std::string_view s, std::string_view t, int limit) {
  const int n = static_cast<int>(s.size()), m = static_cast<int>(t.size());
  if (std::abs(n - m) > limit) return limit + 1;
  if (n > static_cast<int>(kMaxVariantBytes) || m > static_cast<int>(kMaxVariantBytes)) {
    return std::equal(s.begin(), s.end(), t.begin(), t.end(), [](char x, char y) { return Fold(x) == Fold(y); })
               ? 0
               : limit + 1;
  }
  std::array<int, kMaxVariantBytes + 1> prev{}, cur{};
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const int substitute = prev[j - 1] + (Fold(s[i - 1]) == Fold(t[j - 1]) ? 0 : 1);
      cur[j] = std::min({substitute, prev[j] + 1, cur[j - 1] + 1});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    prev = cur;
  }
  return std::min(prev[m], limit + 1);
}

WordMatch CompareWords(const WordTokens& x, size_t i, const WordTokens& y, size_t j) {
  if (x.hashes[i] == y.hashes[j]) return WordMatch::kEqual;
  const std::string_view s = x.Raw(i), t = y.Raw(j);
  const size_t shorter = std::min(s.size(), t.size());
  if (shorter < 5 || IsAsciiDigit(s[0]) || IsAsciiDigit(t[0])) return WordMatch::kNone;
  const int limit = shorter >= 9 ? 2 : 1;
  // One edit leaves the first or the last byte in place: a cheap reject for
  // the many unrelated word pairs a window compares.
  if (limit == 1 && Fold(s.front()) != Fold(t.front()) && Fold(s.back()) != Fold(t.back())) return WordMatch::kNone;
  return BoundedEditDistance(s, t, limit) <= limit ? WordMatch::kVariant : WordMatch::kNone;
}

bool JoinedEqual(const WordTokens& x, size_t i, const WordTokens& y, size_t j) {
  const std::string_view first = x.Raw(i), second = x.Raw(i + 1), whole = y.Raw(j);
  if (first.size() + second.size() != whole.size()) return false;
  auto same = [](char p, char q) { return Fold(p) == Fold(q); };
  return std::equal(first.begin(), first.end(), whole.begin(), same) &&
         std::equal(second.begin(), second.end(), whole.begin() + static_cast<ptrdiff_t>(first.size()), same);
}

}  // namespace reprint::align
