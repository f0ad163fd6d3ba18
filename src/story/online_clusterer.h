// OnlineClusterer: single-pass story clustering of unit-length term vectors.
// Each article joins the story whose centroid is most similar (cosine, decayed
// by the time gap when dates are known) if that similarity reaches the
// threshold, else it starts a new story. Centroids are sums of their members'
// vectors truncated to their heaviest terms. An inverted index from terms to
// stories limits the comparison to stories whose centroid holds one of the
// article's heaviest (hence rarest, after IDF) terms.
//
// Thread safety: none; one pass is sequential by nature. The result depends
// only on the order of Add() calls.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "story/term_vector.h"

namespace reprint::story {

struct ClustererOptions {
  double threshold = 0.11;
  size_t centroid_terms = 300;
  size_t query_terms = 12;
  // Posting lists longer than this belong to common terms: not used to find
  // candidates (the article's other terms still are).
  size_t max_postings = 2000;
  double window_days = 7;   // 0: dates are ignored
  double decay_days = 14;
};

class OnlineClusterer {
 public:
  explicit OnlineClusterer(const ClustererOptions& options);

  // Adds an article and returns the story it joined or started (stories are
  // numbered from 0 in order of creation). `day`: days since 1970-01-01.
  // REQUIRES: article sorted by term with unique ids (a TermVector).
  uint32_t Add(const TermVector& article, std::optional<int32_t> day);

  size_t story_count() const { return stories_.size(); }
  // The (truncated) sum of the story's member vectors.
  const TermVector& centroid(uint32_t story) const { return stories_[story].centroid; }
  uint32_t size(uint32_t story) const { return stories_[story].size; }

 private:
  struct StoryState {
    TermVector centroid;
    double norm = 0;
    uint32_t size = 0;
  };
  // What the candidate scan reads of every story it meets, kept apart from
  // the centroids and small, because the scan meets hundreds of stories per
  // article and most fail the time window.
  struct StoryWindow {
    uint32_t seen = 0;  // the last Add() that met the story
    int32_t first_day = 1, last_day = 0;  // first_day > last_day: undated
    bool dated() const { return first_day <= last_day; }
  };

  bool OutsideWindow(const StoryWindow& w, std::optional<int32_t> day) const;
  double TimeFactor(const StoryWindow& w, std::optional<int32_t> day) const;
  void CollectCandidates(const TermVector& article, std::optional<int32_t> day);
  void Index(uint32_t story, const TermVector& before);

  ClustererOptions options_;
  std::vector<StoryState> stories_;
  std::vector<StoryWindow> windows_;             // by story
  std::vector<std::vector<uint32_t>> postings_;  // term -> stories (may hold stale entries)
  uint32_t epoch_ = 0;
  std::vector<float> dense_;                     // the article scattered by term id
  std::vector<uint32_t> candidates_;
  TermVector scratch_;
};

}  // namespace reprint::story
