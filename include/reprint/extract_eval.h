// Evaluation of article extraction against gold text, with the metric of the
// widely used article-extraction benchmark: token 4-gram shingles matched per
// document (as multisets), micro-averaged over documents, with bootstrap
// confidence intervals. Also title exact-match and date correctness where the
// gold has them. Used by `reprint eval extract` and its regression test.
//
// Gold sets on disk (both layouts are recognised by LoadGoldPages):
//   - Readability test pages: DIR/<page>/{source.html, expected.html,
//     expected-metadata.json}; gold text = text content of expected.html,
//     gold title = "title", gold date = "publishedTime" (when not null).
//   - newspaper4k fixtures: DIR/html/<name>.html with DIR/txt/<name>.txt;
//     gold text only (pages without a .txt are not scored).
//
// Thread safety: ShingleMatcher keeps buffers (one per thread); the rest are
// pure functions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reprint/status.h"

namespace reprint {

// Shingle counts of one document (or a sum over documents).
struct ShingleMatch {
  uint64_t matched = 0;    // shingles in both (multiset intersection)
  uint64_t extracted = 0;  // shingles of the extracted text
  uint64_t gold = 0;       // shingles of the gold text
  // An empty extraction of an empty gold is perfect (1.0).
  double precision() const;
  double recall() const;
  double f1() const;
  ShingleMatch& operator+=(const ShingleMatch& o);
};

class ShingleMatcher {
 public:
  static constexpr int kShingleSize = 4;
  ShingleMatcher();
  ~ShingleMatcher();
  ShingleMatcher(const ShingleMatcher&) = delete;
  ShingleMatcher& operator=(const ShingleMatcher&) = delete;

  // Tokenises both texts with reprint's tokenizer (case-folded words, one
  // token per Han/Kana character, dictionary breaks for Thai and the like)
  // and matches their 4-gram shingles. A text of 1..3 tokens is one shingle.
  ShingleMatch Match(std::string_view extracted, std::string_view gold);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct GoldPage {
  std::string name;       // page directory or file stem
  std::string html_path;  // the page to extract from
  std::string text;       // gold article text
  std::string title;      // empty when the gold has none
  std::string date;       // as given; empty when the gold has none
};

// Loads the gold pages under `dir`, sorted by name. Returns NotFound when
// `dir` holds neither layout.
Result<std::vector<GoldPage>> LoadGoldPages(const std::string& dir);

struct Interval {
  double low = 0;
  double high = 0;
};

struct MicroAverage {
  ShingleMatch total;
  Interval precision, recall, f1;  // bootstrap percentile intervals (95 %)
};

// Sums `docs` and bootstraps 95 % intervals by resampling documents with
// replacement `resamples` times from a generator seeded with `seed`.
MicroAverage MicroAverageWithBootstrap(const std::vector<ShingleMatch>& docs, int resamples, uint64_t seed);

// Returns true iff the titles are equal after whitespace folding and
// Unicode-insensitive trimming of surrounding spaces (case matters).
bool SameTitle(std::string_view extracted, std::string_view gold);

// Returns true iff both dates name the same calendar day (their first ten
// characters, YYYY-MM-DD, after normalising `gold` with NormalizeDate).
bool SameDate(std::string_view extracted, std::string_view gold);

}  // namespace reprint
