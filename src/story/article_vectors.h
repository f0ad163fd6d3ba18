// ArticleVectors: the corpus side of story features. Collects articles' terms
// (in input order, from one thread), gives each distinct term a dense id in
// order of first appearance (so ids never depend on threads), counts document
// frequencies, and finally weighs every article as a unit TF-IDF vector:
//   weight = (1 + ln count) * idf * entity_boost? * title_boost?
//   idf = ln((1 + N) / (1 + df)) + 1
// Words in more than max_df_fraction of N articles are stop words and dropped
// (when N >= min_articles_for_df): no language-specific list. Entities (terms
// that are entities in at least half the articles holding them) are never
// stop words: in a corpus about one event its names are in every article,
// and they are what holds the story together.
//
// Thread safety: none.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "story/article_terms.h"
#include "story/term_ids.h"
#include "story/term_vector.h"

namespace reprint::story {

struct WeightingOptions {
  double entity_boost = 2.0;
  double title_boost = 2.0;
  double max_df_fraction = 0.5;
  uint64_t min_articles_for_df = 2;
  size_t max_article_terms = 400;
};

class ArticleVectors {
 public:
  explicit ArticleVectors(const WeightingOptions& options);

  // Adds an article; returns its position (0, 1, ...).
  size_t Add(const ArticleTerms& terms);

  // Turns every added article into its unit TF-IDF vector (empty when no term
  // survives) and returns them by position. Call once, after the last Add().
  std::vector<TermVector> Weigh();

  size_t vocabulary() const { return counts_.size(); }
  uint64_t stop_terms() const { return stop_terms_; }
  // The term as first written in the corpus.
  std::string_view display(uint32_t term) const {
    const size_t begin = term == 0 ? 0 : display_end_[term - 1];
    return std::string_view(display_text_).substr(begin, display_end_[term] - begin);
  }

 private:
  struct RawTerm {
    uint32_t term;
    float tf;  // (1 + ln count) times the boosts
  };

  struct TermCounts {
    uint32_t df = 0;
    uint32_t entity_df = 0;  // articles where the term is an entity
  };

  WeightingOptions options_;
  TermIds ids_;
  std::string display_text_;         // every term's display text, by id
  std::vector<size_t> display_end_;  // where each one ends in display_text_
  std::vector<TermCounts> counts_;
  std::vector<std::vector<RawTerm>> articles_;
  uint64_t stop_terms_ = 0;
};

}  // namespace reprint::story
