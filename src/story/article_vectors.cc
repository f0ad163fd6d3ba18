#include "story/article_vectors.h"

#include <algorithm>
#include <cmath>

namespace reprint::story {

ArticleVectors::ArticleVectors(const WeightingOptions& options) : options_(options) {}

size_t ArticleVectors::Add(const ArticleTerms& article) {
  std::vector<RawTerm>& out = articles_.emplace_back();
  out.reserve(article.terms.size());
  for (const ArticleTerm& t : article.terms) {
    bool inserted = false;
    const uint32_t id = ids_.Find(t.hash, &inserted);
    if (inserted) {
      display_text_.append(std::string_view(article.text).substr(t.begin, t.end - t.begin));
      display_end_.push_back(display_text_.size());
      counts_.emplace_back();
    }
    ++counts_[id].df;
    if (t.IsEntity()) ++counts_[id].entity_df;
    double tf = 1 + std::log(static_cast<double>(t.count));
    if (t.IsEntity()) tf *= options_.entity_boost;
    if (t.in_title) tf *= options_.title_boost;
    out.push_back({id, static_cast<float>(tf)});
  }
  if (out.size() > options_.max_article_terms) {
    std::nth_element(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(options_.max_article_terms), out.end(),
                     [](const RawTerm& a, const RawTerm& b) { return a.tf != b.tf ? a.tf > b.tf : a.term < b.term; });
    out.resize(options_.max_article_terms);
  }
  std::sort(out.begin(), out.end(), [](const RawTerm& a, const RawTerm& b) { return a.term < b.term; });
  return articles_.size() - 1;
}

std::vector<TermVector> ArticleVectors::Weigh() {
  const double n = static_cast<double>(articles_.size());
  const bool use_df = articles_.size() >= options_.min_articles_for_df;
  std::vector<float> idf(counts_.size());
  stop_terms_ = 0;
  for (size_t t = 0; t < counts_.size(); ++t) {
    const TermCounts& c = counts_[t];
    if (use_df && c.df > options_.max_df_fraction * n && 2 * c.entity_df < c.df) {
      idf[t] = 0;  // a stop word
      ++stop_terms_;
    } else {
      idf[t] = static_cast<float>(std::log((1 + n) / (1 + c.df)) + 1);
    }
  }
  std::vector<TermVector> out(articles_.size());
  for (size_t a = 0; a < articles_.size(); ++a) {
    for (const RawTerm& r : articles_[a])
      if (idf[r.term] > 0) out[a].push_back({r.term, r.tf * idf[r.term]});
    Normalize(&out[a]);
    std::vector<RawTerm>().swap(articles_[a]);
  }
  return out;
}

}  // namespace reprint::story
