// ClusterStories(): group articles about the same real-world event, though
// written independently (story clustering, as opposed to the copy clusters
// of dedup.h).
//
// Pipeline: read -> clean -> per-article terms (parallel, ordered batches);
// copy clusters from Deduplicate() collapse to their canonical member (one
// vote per copy cluster); TF-IDF weighting with document-frequency stop
// words, boosted named entities and title words; then one sequential pass of
// online clustering (each article joins the most similar story above the
// threshold, within a time window when dates are known, or starts one).
//
// Memory: every article's term vector (at most max_article_terms terms, about
// 8 bytes each) is held until clustering; story centroids are truncated to
// centroid_terms terms.
// Determinism: the result is identical for any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "reprint/cleaner.h"
#include "reprint/dedup.h"
#include "reprint/reader.h"
#include "reprint/status.h"

namespace reprint {

struct StoryOptions {
  ReadOptions read;
  CleanOptions clean;
  // Cosine similarity of an article to a story's centroid at or above which it
  // joins the story.
  double threshold = 0.11;
  // Articles whose dates are more than this many days from a story's dated
  // members do not join it; 0 ignores dates.
  double window_days = 7;
  // Within the window, similarity is multiplied by exp(-gap / decay_days).
  double decay_days = 14;
  // Weights multiplying a term's TF-IDF weight.
  double entity_boost = 2.0;  // capitalised mid-sentence words, names, numbers
  double title_boost = 2.0;   // words of the title (or of a short first line)
  // Words (not entities) in more than this share of the articles are stop
  // words (from min_articles_for_df articles on).
  double max_df_fraction = 0.5;
  uint64_t min_articles_for_df = 2;
  size_t max_article_terms = 400;  // an article keeps its heaviest terms
  size_t centroid_terms = 300;     // a story's centroid keeps its heaviest terms
  size_t query_terms = 12;         // an article meets the stories sharing one of these terms
  size_t label_terms = 5;
  bool collapse_copies = true;     // run Deduplicate() first; one vote per copy cluster (not for stdin)
  DedupOptions dedup;              // for collapse_copies (its read/threads are set from these)
  unsigned threads = 0;            // 0: all cores
  bool strict = false;             // stop at the first skipped record
};

struct Story {
  uint32_t id = 0;
  std::vector<std::string> label;  // heaviest centroid terms, as written in the text
  std::vector<uint32_t> members;   // input indices, ascending
};

struct StoryStats {
  uint64_t documents = 0;
  uint64_t skipped = 0;
  uint64_t empty = 0;          // articles without text (each is its own story)
  uint64_t copies = 0;         // articles collapsed into their copy cluster's canonical
  uint64_t vocabulary = 0;
  uint64_t stop_terms = 0;     // dropped by document frequency
  double seconds = 0;
  double cluster_seconds = 0;  // the online pass alone
};

struct StoryResult {
  std::vector<std::string> ids;  // by input index
  std::vector<Story> stories;    // every article in exactly one; ordered by first member
  StoryStats stats;
};

Result<StoryResult> ClusterStories(const std::vector<std::string>& inputs, const StoryOptions& options);

}  // namespace reprint
