#include "story/online_clusterer.h"

#include <algorithm>
#include <cmath>

namespace reprint::story {

OnlineClusterer::OnlineClusterer(const ClustererOptions& options) : options_(options) {}

double OnlineClusterer::TimeFactor(const StoryState& s, std::optional<int32_t> day) const {
  if (options_.window_days <= 0 || !day || !s.dated) return 1.0;
  const int32_t gap = std::max({0, s.first_day - *day, *day - s.last_day});
  if (gap > options_.window_days) return 0.0;
  return options_.decay_days > 0 ? std::exp(-gap / options_.decay_days) : 1.0;
}

uint32_t OnlineClusterer::Add(const TermVector& article, std::optional<int32_t> day) {
  ++epoch_;
  if (!article.empty() && dense_.size() <= article.back().term) dense_.resize(article.back().term + 1, 0.0f);
  for (const WeightedTerm& t : article) dense_[t.term] = t.weight;

  // Candidates: stories indexed under one of the article's heaviest terms.
  candidates_.clear();
  for (uint32_t term : HeaviestTerms(article, options_.query_terms)) {
    if (term >= postings_.size() || postings_[term].size() > options_.max_postings) continue;
    for (uint32_t story : postings_[term]) {
      if (seen_[story] == epoch_) continue;
      seen_[story] = epoch_;
      candidates_.push_back(story);
    }
  }
  std::sort(candidates_.begin(), candidates_.end());

  uint32_t best = UINT32_MAX;
  double best_score = options_.threshold;
  for (uint32_t story : candidates_) {
    const StoryState& s = stories_[story];
    const double factor = TimeFactor(s, day);
    if (factor == 0 || s.norm == 0) continue;
    double dot = 0;
    for (const WeightedTerm& t : s.centroid)
      if (t.term < dense_.size()) dot += static_cast<double>(dense_[t.term]) * t.weight;
    const double score = dot / s.norm * factor;
    if (score >= best_score && (best == UINT32_MAX || score > best_score)) {
      best = story;
      best_score = score;
    }
  }
  for (const WeightedTerm& t : article) dense_[t.term] = 0.0f;

  if (best == UINT32_MAX) {
    best = static_cast<uint32_t>(stories_.size());
    stories_.emplace_back();
    seen_.push_back(epoch_);
  }
  StoryState& s = stories_[best];
  TermVector before = s.centroid;
  AddInto(article, &s.centroid, &scratch_);
  KeepHeaviest(&s.centroid, options_.centroid_terms);
  s.norm = Norm(s.centroid);
  ++s.size;
  if (day) {
    s.first_day = s.dated ? std::min(s.first_day, *day) : *day;
    s.last_day = s.dated ? std::max(s.last_day, *day) : *day;
    s.dated = true;
  }
  Index(best, before);
  return best;
}

// Adds the story to the postings of centroid terms it was not indexed under.
// Terms that fell out of the centroid keep their (stale) entry: candidates are
// scored exactly, so a stale entry costs a comparison, never a wrong answer.
void OnlineClusterer::Index(uint32_t story, const TermVector& before) {
  const TermVector& now = stories_[story].centroid;
  if (!now.empty() && postings_.size() <= now.back().term) postings_.resize(now.back().term + 1);
  auto old = before.begin();
  for (const WeightedTerm& t : now) {
    while (old != before.end() && old->term < t.term) ++old;
    if (old != before.end() && old->term == t.term) continue;
    std::vector<uint32_t>& list = postings_[t.term];
    if (list.empty() || list.back() != story) list.push_back(story);
  }
}

}  // namespace reprint::story
