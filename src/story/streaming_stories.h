// StreamingStories: story clustering for an always-on service. Articles
// arrive one at a time and each gets a story id at once; nothing is revisited.
//
// The batch path (ClusterStories) knows every document frequency before it
// weighs anything. A stream cannot, so this class keeps incremental state:
//   - document frequencies in a fixed table of 2^df_table_bits counters,
//     indexed by a mix of the term hash. Terms sharing a slot share a count:
//     a collision can only raise a term's DF, i.e. lower its IDF (and, past
//     max_df_fraction, make a rare word look like a stop word). With the
//     default 4 M slots (two tables, DF and entity DF: 32 MB) and a
//     vocabulary of a few million terms, about half of the rare terms share a
//     slot, but mostly with another rare term: their IDF drops by at most
//     ln 2 or so. Only a few thousand terms are common, so a rare term shares
//     with one in about 0.1% of cases; entities are never stop words, so
//     names are safe from the worst outcome.
//   - each article is weighed by the frequencies counted before it (then
//     counted), as in ArticleVectors but with N = articles so far:
//     idf = ln((1 + N) / (1 + df)) + 1. Stop words only from
//     min_articles_for_df articles on; until then (the warm-up) the "+ 1"
//     grows from 0 to 1 with N, so that words shared by all of the first few
//     articles weigh nothing: with the full "+ 1" the first articles of a
//     stream, which share only function words, joined one another and the
//     mixed story went on attracting several topics.
//   - live stories: centroid (sum of member masses, see Weighted, truncated
//     to centroid_terms by weight), date range, and a few display strings
//     for labels. A centroid's idf values are re-read when the article count
//     has grown by an eighth since the last time, so a story's weights follow
//     the frequencies as they mature. Joining works as in OnlineClusterer:
//     candidates are the stories indexed under one of the article's
//     query_terms heaviest terms; the best cosine, decayed by the time gap,
//     at or above threshold wins (ties: the smaller id).
//
// Memory is bounded whatever the stream's length: the DF table is fixed; at
// most max_live_stories stories are live (the least recently joined are
// retired), and dated stories whose last dated member is more than
// window_days before the newest day seen are retired as soon as that happens
// (a dated article can no longer join them). Retired stories keep their ids
// (never reused) but are forgotten: postings pointing to them are skipped and
// swept away once stale entries outnumber live ones.
//
// Determinism: every result depends only on the sequence of calls.
// Thread safety: none; call from one thread (the service's writer).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "story/story_features.h"

namespace reprint::story {

struct StreamingStoryOptions {
  double threshold = 0.11;  // same meaning as StoryOptions
  double window_days = 7;   // dated articles don't join stories whose dated members are further away
  double decay_days = 14;
  double entity_boost = 2.0, title_boost = 2.0;
  double max_df_fraction = 0.5;
  uint64_t min_articles_for_df = 20;  // stop words once enough articles were seen
  size_t max_article_terms = 400, centroid_terms = 300, query_terms = 12, label_terms = 5;
  size_t max_live_stories = 200000;  // memory bound: least recently joined stories beyond this are retired
  size_t df_table_bits = 22;         // document frequencies in a fixed table of 2^bits counters (bounded memory)
  // Posting lists longer than this belong to common terms: not used to find
  // candidates (the article's other query terms still are).
  size_t max_postings = 2000;
};

class StreamingStories {
 public:
  explicit StreamingStories(const StreamingStoryOptions& options, uint64_t first_story_id = 1);

  // Weighs the article by the current document frequencies (then counts it in
  // them), and returns the story it joined or started. Story ids increase
  // from first_story_id and are never reused. An article with no weighted
  // term (empty, or only stop words) starts a story of its own.
  // REQUIRES: article.terms sorted by hash, hashes unique (as extracted or decoded).
  uint64_t Assign(const StoryFeatures& article, std::optional<int32_t> day);

  // Replays an article whose story is already known (after a restart): the
  // same state changes as the Assign() that returned story_id (the query
  // runs too, for its side effects, so a replay costs about what Assign()
  // did), so replaying a stream's Assign() calls as Restore() calls, in the
  // same order, gives an identical state and identical later ids.
  // A story unknown here (or retired) is started with exactly this id; the
  // next new id is then at least story_id + 1.
  void Restore(const StoryFeatures& article, std::optional<int32_t> day, uint64_t story_id);

  // The heaviest centroid terms as written; empty if retired or unknown.
  std::vector<std::string> Label(uint64_t story_id) const;

  uint64_t next_story_id() const { return next_id_; }
  size_t live_stories() const { return stories_.size(); }
  uint64_t articles() const { return articles_; }
  // Approximate heap bytes held, for /metrics (walks the live stories).
  size_t memory_bytes() const;

 private:
  // A term's weight is mass * idf. An article's masses are tf / |tf * idf|
  // (so its weights form a unit vector); a centroid's are the sums of its
  // members' masses, and its idf values are refreshed as the frequencies
  // move, so that a story started while they were immature is weighed as if
  // it had been started now.
  struct Weighted {
    uint64_t hash;
    float mass;
    float idf;
    double weight() const { return static_cast<double>(mass) * idf; }
  };
  using Vector = std::vector<Weighted>;  // sorted by hash, unique

  static constexpr int kFilterShift = 52;  // 12-bit hash prefixes: the article filter has a byte per prefix

  struct Story {
    Vector centroid;
    std::vector<uint16_t> prefixes;  // of the centroid's hashes (hash >> kFilterShift), for DotWithArticle
    double norm = 0;          // of the weights
    uint64_t idf_at = 0;      // articles counted when the idf values were refreshed
    uint32_t size = 0;
    bool dated = false;
    int32_t first_day = 0, last_day = 0;
    uint64_t last_join = 0;  // join sequence number: recency order
    uint64_t seen = 0;       // the last query that met this story
    std::vector<std::pair<uint64_t, std::string>> displays;  // for label candidates, by hash
  };

  // A term in the heaviness order: its weight (computed once), then the smaller hash.
  struct Key {
    double weight;
    uint64_t hash;
  };
  // Document frequencies of one table slot, side by side: one cache miss per term, not two.
  struct Frequencies {
    uint32_t df = 0;         // articles holding a term of this slot
    uint32_t entity_df = 0;  // ... as an entity
  };

  void Weigh(const StoryFeatures& article, Vector* out);
  size_t Slot(uint64_t hash) const;  // in the frequency table
  // What idf values depend on besides a slot's counts: fixed while the
  // articles counted don't change.
  struct IdfContext {
    double n;        // articles counted
    double stop_df;  // dfs above this are stop words (unless mostly entities)
    double floor;    // the "+ 1", growing during the warm-up
    bool use_df;
    uint64_t stamp;  // articles counted + 1: marks memo entries of this context
  };
  IdfContext Context() const;
  float IdfAt(const IdfContext& c, size_t slot) const;
  static float IdfOfDf(const IdfContext& c, uint32_t df);
  void RefreshIfStale(Story* s) const;
  // REQUIRES: article is weighted_, just weighed (article_weights_ holds its weights).
  std::optional<uint64_t> FindBest(const Vector& article, std::optional<int32_t> day);
  void IndexArticle(const Vector& article);
  double DotWithArticle(const Story& s) const;  // REQUIRES: IndexArticle() of the query's article
  [[gnu::noinline]] double AddIfInArticle(const Weighted& c, double dot) const;  // dot + c's product, if shared
  double TimeFactor(const Story& s, std::optional<int32_t> day) const;
  void Join(uint64_t id, const Vector& article, const StoryFeatures& features, std::optional<int32_t> day);
  void MergeCentroid(const Vector& article, Vector* out, const Vector& centroid);
  void UpdateDisplays(Story* s, const StoryFeatures& features);
  void Index(uint64_t id, const Vector& before, const Vector& now);
  void RetireExpired();
  void RetireLeastRecent();
  void Retire(uint64_t id);
  void SweepPostings();
  size_t LabelCandidates() const { return 4 * options_.label_terms; }

  static bool Heavier(const Key& a, const Key& b) { return a.weight != b.weight ? a.weight > b.weight : a.hash < b.hash; }
  // *out = the hashes of the k heaviest terms of v, heaviest first. `keys` is reused storage.
  static void HeaviestHashes(const Vector& v, size_t k, std::vector<Key>* keys, std::vector<uint64_t>* out);
  // *out = the hashes of the same k terms, in hash order. REQUIRES: weights[i] == v[i].weight().
  void HeaviestSet(const Vector& v, const double* weights, size_t k, std::vector<uint64_t>* out);

  StreamingStoryOptions options_;
  uint64_t next_id_;
  uint64_t articles_ = 0;  // articles counted in the frequencies
  uint64_t joins_ = 0;
  uint64_t queries_ = 0;
  std::vector<Frequencies> df_;
  std::unordered_map<uint64_t, Story> stories_;
  std::set<std::pair<uint64_t, uint64_t>> by_recency_;  // (last_join, id)
  std::set<std::pair<int32_t, uint64_t>> by_last_day_;  // (last_day, id), dated stories
  std::optional<int32_t> newest_day_;
  std::unordered_map<uint64_t, std::vector<uint64_t>> postings_;  // term hash -> story ids (may be stale)
  size_t posting_entries_ = 0;
  size_t live_terms_ = 0;  // sum of live centroid sizes

  // Reused storage, so that an Assign() allocates nothing in the steady state.
  Vector weighted_;  // the article being assigned
  std::vector<uint64_t> candidates_;
  Vector scratch_;
  std::vector<double> article_weights_;  // of weighted_, from Weigh
  std::vector<double> weights_;          // of scratch_, from MergeCentroid
  std::vector<double> selection_;
  std::vector<uint64_t> heaviest_;
  std::vector<std::pair<uint64_t, std::string>> displays_;
  mutable std::vector<uint32_t> slots_;
  // The query's article as an open-addressing table of (hash, weight)
  // (entries of earlier queries are free), behind a filter of its hash prefixes.
  struct ArticleEntry {
    uint64_t hash = 0;
    double weight = 0;
    uint64_t query = 0;  // the query that filled the entry: others are free
  };
  std::vector<ArticleEntry> article_table_;
  size_t article_mask_ = 0, article_shift_ = 64;
  std::array<uint8_t, size_t{1} << (64 - kFilterShift)> article_filter_{};
  // idf by capped df for small dfs, valid while idf_memo_at_[df] == articles_ + 1.
  static constexpr uint32_t kIdfMemo = 1024;
  mutable std::vector<float> idf_memo_;
  mutable std::vector<uint64_t> idf_memo_at_;
};

}  // namespace reprint::story
