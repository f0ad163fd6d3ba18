#include "story/online_clusterer.h"

#include <algorithm>
#include <cmath>

namespace reprint::story {

OnlineClusterer::OnlineClusterer(const ClustererOptions& options) : options_(options) {}

bool OnlineClusterer::OutsideWindow(const StoryWindow& w, std::optional<int32_t> day) const {
  if (options_.window_days <= 0 || !day || !w.dated()) return false;
  return std::max({0, w.first_day - *day, *day - w.last_day}) > options_.window_days;
}

double OnlineClusterer::TimeFactor(const StoryWindow& w, std::optional<int32_t> day) const {
  if (options_.window_days <= 0 || !day || !w.dated()) return 1.0;
  const int32_t gap = std::max({0, w.first_day - *day, *day - w.last_day});
  if (gap > options_.window_days) return 0.0;
  return options_.decay_days > 0 ? std::exp(-gap / options_.decay_days) : 1.0;
}

// Candidates: stories indexed under one of the article's heaviest terms and
// open at its date, each once.
void OnlineClusterer::CollectCandidates(const TermVector& article, std::optional<int32_t> day) {
  candidates_.clear();
  for (uint32_t term : HeaviestTerms(article, options_.query_terms)) {
    if (term >= postings_.size() || postings_[term].size() > options_.max_postings) continue;
    for (uint32_t story : postings_[term]) {
      StoryWindow& w = windows_[story];
      if (w.seen == epoch_) continue;
      w.seen = epoch_;
      if (!OutsideWindow(w, day)) candidates_.push_back(story);
    }
  }
}

uint32_t OnlineClusterer::Add(const TermVector& article, std::optional<int32_t> day) {
  ++epoch_;
  if (!article.empty() && dense_.size() <= article.back().term) dense_.resize(article.back().term + 1, 0.0f);
  for (const WeightedTerm& t : article) dense_[t.term] = t.weight;
  CollectCandidates(article, day);

  // The most similar story reaching the threshold; ties go to the older one,
  // so the answer does not depend on the order candidates were met in.
  uint32_t best = UINT32_MAX;
  double best_score = options_.threshold;
  for (uint32_t story : candidates_) {
    const StoryState& s = stories_[story];
    const double factor = TimeFactor(windows_[story], day);
    if (factor == 0 || s.norm == 0) continue;
    double dot = 0;  // dense_ covers every centroid term (see Index())
    for (const WeightedTerm& t : s.centroid) dot += static_cast<double>(dense_[t.term]) * t.weight;
    const double score = dot / s.norm * factor;
    if (score >= best_score && (best == UINT32_MAX || score > best_score || story < best)) {
      best = story;
      best_score = score;
    }
  }
  for (const WeightedTerm& t : article) dense_[t.term] = 0.0f;

  if (best == UINT32_MAX) {
    best = static_cast<uint32_t>(stories_.size());
    stories_.emplace_back();
    windows_.push_back({epoch_});
  }
  StoryState& s = stories_[best];
  TermVector before = s.centroid;
  AddInto(article, &s.centroid, &scratch_);
  KeepHeaviest(&s.centroid, options_.centroid_terms);
  s.norm = Norm(s.centroid);
  ++s.size;
  if (day) {
    StoryWindow& w = windows_[best];
    const bool dated = w.dated();
    w.first_day = dated ? std::min(w.first_day, *day) : *day;
    w.last_day = dated ? std::max(w.last_day, *day) : *day;
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
  if (!now.empty() && dense_.size() <= now.back().term) dense_.resize(now.back().term + 1, 0.0f);
  auto old = before.begin();
  for (const WeightedTerm& t : now) {
    while (old != before.end() && old->term < t.term) ++old;
    if (old != before.end() && old->term == t.term) continue;
    std::vector<uint32_t>& list = postings_[t.term];
    if (list.empty() || list.back() != story) list.push_back(story);
  }
}

}  // namespace reprint::story
