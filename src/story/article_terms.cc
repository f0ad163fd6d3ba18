#include "story/article_terms.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <chrono>

#include "util/hash_mix.h"

namespace reprint::story {
namespace {

constexpr uint64_t kTokenSeed = 0x73746f7279ULL;  // "story"
constexpr uint64_t kNameSalt = 0x6e616d65ULL;     // "name"
constexpr size_t kMaxTitleTokens = 25;

bool StartsUpper(std::string_view text, uint32_t begin, uint32_t end) {
  const auto c0 = static_cast<unsigned char>(text[begin]);
  if (c0 < 0x80) return c0 >= 'A' && c0 <= 'Z';
  UChar32 c;
  int32_t i = static_cast<int32_t>(begin);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(end), c);
  return c >= 0 && u_isupper(c);
}

bool IsNumber(std::string_view token) {
  return token.size() >= 2 && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Returns true iff the bytes between two tokens end a sentence or a line
// (hold one of ".!?:;\n"; a table test per byte: gaps are short and many).
bool BreaksSentence(std::string_view gap) {
  static constexpr auto kBreaks = [] {
    std::array<bool, 256> t{};
    for (char c : std::string_view(".!?:;\n")) t[static_cast<unsigned char>(c)] = true;
    return t;
  }();
  for (char c : gap)
    if (kBreaks[static_cast<unsigned char>(c)]) return true;
  return false;
}

// Returns true iff two tokens are separated by exactly one space.
bool OneSpace(std::string_view gap) { return gap == " "; }

// The end of a short first paragraph that reads as a headline, else 0.
size_t HeadlineEnd(const std::vector<sketch::TokenSpan>& spans, std::string_view text) {
  const size_t paragraph_end = text.find("\n\n");
  if (paragraph_end == std::string_view::npos) return 0;
  size_t tokens = 0;
  for (const sketch::TokenSpan& s : spans) {
    if (s.begin >= paragraph_end) break;
    ++tokens;
  }
  return tokens > 0 && tokens <= kMaxTitleTokens ? paragraph_end : 0;
}

}  // namespace

ArticleTermExtractor::ArticleTermExtractor() : tokenizer_(kTokenSeed) {}

void ArticleTermExtractor::Extract(const CleanDocument& doc, ArticleTerms* out) {
  out->text.clear();
  if (!doc.title.empty() && doc.text.compare(0, doc.title.size(), doc.title) != 0) {
    out->text = doc.title;
    out->text += "\n\n";
  }
  const size_t separate_title = out->text.size();
  out->text += doc.text;
  const std::string_view text = out->text;
  tokenizer_.HashTokensWithSpans(text, &hashes_, &spans_);
  const size_t title_end = separate_title > 0 ? separate_title : HeadlineEnd(spans_, text);

  occurrences_.clear();
  for (size_t i = 0; i < spans_.size(); ++i) {
    const sketch::TokenSpan& s = spans_[i];
    const bool in_title = s.begin < title_end;
    const std::string_view token = text.substr(s.begin, s.end - s.begin);
    const bool sentence_start = i == 0 || BreaksSentence(text.substr(spans_[i - 1].end, s.begin - spans_[i - 1].end));
    const bool upper = StartsUpper(text, s.begin, s.end);
    // Titles are often in Title Case: their capitals say nothing.
    const bool entity = IsNumber(token) || (upper && !sentence_start && !in_title);
    occurrences_.push_back({hashes_[i], 1, entity ? 1u : 0u, in_title, false, s.begin, s.end});
    if (i + 1 < spans_.size() && upper && !in_title) {
      const sketch::TokenSpan& next = spans_[i + 1];
      if (OneSpace(text.substr(s.end, next.begin - s.end)) && StartsUpper(text, next.begin, next.end)) {
        const uint64_t pair = HashCombine(HashCombine(kNameSalt, hashes_[i]), hashes_[i + 1]);
        occurrences_.push_back({pair, 1, 1, false, true, s.begin, next.end});
      }
    }
  }
  // Merge occurrences of one term (the first occurrence names it) through an
  // open-addressing table of term positions, then order the terms by hash.
  size_t bits = 6;
  while ((size_t{1} << bits) < 2 * occurrences_.size()) ++bits;
  const size_t mask = (size_t{1} << bits) - 1;
  slots_.assign(mask + 1, 0);
  out->terms.clear();
  for (const ArticleTerm& o : occurrences_) {
    size_t slot = (o.hash * 0x9E3779B97F4A7C15ULL) >> (64 - bits);
    while (slots_[slot] != 0 && out->terms[slots_[slot] - 1].hash != o.hash) slot = (slot + 1) & mask;
    if (slots_[slot] == 0) {
      out->terms.push_back(o);
      slots_[slot] = static_cast<uint32_t>(out->terms.size());
    } else {
      ArticleTerm& t = out->terms[slots_[slot] - 1];
      ++t.count;
      t.entity_count += o.entity_count;
      t.in_title = t.in_title || o.in_title;
    }
  }
  std::sort(out->terms.begin(), out->terms.end(),
            [](const ArticleTerm& a, const ArticleTerm& b) { return a.hash < b.hash; });
}

std::optional<int32_t> ParseDay(std::string_view date) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  auto number = [&](size_t from, size_t len) {
    int value = 0;
    for (size_t i = from; i < from + len; ++i) {
      if (date[i] < '0' || date[i] > '9') return -1;
      value = value * 10 + (date[i] - '0');
    }
    return value;
  };
  const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<int32_t>(std::chrono::sys_days(ymd).time_since_epoch().count());
}

}  // namespace reprint::story
