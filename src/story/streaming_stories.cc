#include "story/streaming_stories.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "util/hash_mix.h"

namespace reprint::story {
namespace {

// Postings are swept when their entries exceed this many times the live
// centroid terms (plus a floor, so that small states are not swept often):
// the sweep's cost is then amortised over as many joins.
constexpr size_t kSweepRatio = 2;
constexpr size_t kSweepFloor = 4096;
constexpr uint64_t kRefreshDivisor = 8;
// Frequency slots are read this many terms ahead of their use: the table is
// far larger than the caches, so each term's read is a cache miss otherwise.
constexpr size_t kPrefetchAhead = 8;
constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

template <typename T>
bool ByHash(const T& a, uint64_t hash) {
  return a.hash < hash;
}

void Increment(uint32_t* counter) {
  if (*counter != UINT32_MAX) ++*counter;
}

}  // namespace

StreamingStories::StreamingStories(const StreamingStoryOptions& options, uint64_t first_story_id)
    : options_(options), next_id_(first_story_id) {
  options_.df_table_bits = std::clamp<size_t>(options_.df_table_bits, 1, 30);
  options_.max_live_stories = std::max<size_t>(options_.max_live_stories, 1);
  df_.assign(size_t{1} << options_.df_table_bits, Frequencies{});
  idf_memo_.assign(kIdfMemo, 0);
  idf_memo_at_.assign(kIdfMemo, 0);
}

uint64_t StreamingStories::Assign(const StoryFeatures& article, std::optional<int32_t> day) {
  Weigh(article, &weighted_);
  std::optional<uint64_t> best = FindBest(weighted_, day);
  const uint64_t id = best ? *best : next_id_++;
  Join(id, weighted_, article, day);
  return id;
}

// The query runs too, though its answer is known: it refreshes the stories
// it meets and drops stale postings, and those side effects are part of the
// state an uninterrupted run of Assign() would have.
void StreamingStories::Restore(const StoryFeatures& article, std::optional<int32_t> day, uint64_t story_id) {
  Weigh(article, &weighted_);
  FindBest(weighted_, day);
  Join(story_id, weighted_, article, day);
  next_id_ = std::max(next_id_, story_id + 1);
}

size_t StreamingStories::Slot(uint64_t hash) const {
  return Mix64(hash) >> (64 - options_.df_table_bits);
}

// idf = ln((1 + N) / (1 + df)) + 1 as in ArticleVectors, with N the articles
// counted so far; 0 for a stop word. A slot shared with other terms may count
// more articles than N: df is capped at N so that idf stays >= 1.
StreamingStories::IdfContext StreamingStories::Context() const {
  IdfContext c;
  c.n = static_cast<double>(articles_);
  c.use_df = articles_ >= options_.min_articles_for_df;
  c.stop_df = options_.max_df_fraction * c.n;
  c.floor = c.use_df ? 1.0 : c.n / static_cast<double>(options_.min_articles_for_df);
  c.stamp = articles_ + 1;
  return c;
}

inline float StreamingStories::IdfAt(const IdfContext& c, size_t slot) const {
  const Frequencies& f = df_[slot];
  const double df = std::min<double>(f.df, c.n);
  if (c.use_df && df > c.stop_df && 2 * f.entity_df < f.df) return 0;
  const auto d = static_cast<uint32_t>(df);
  if (d >= kIdfMemo) return IdfOfDf(c, d);
  // Many terms share a small df, and N is fixed while an article is assigned.
  if (idf_memo_at_[d] != c.stamp) {
    idf_memo_[d] = IdfOfDf(c, d);
    idf_memo_at_[d] = c.stamp;
  }
  return idf_memo_[d];
}

// REQUIRES: not a stop word.
float StreamingStories::IdfOfDf(const IdfContext& c, uint32_t df) {
  return static_cast<float>(std::log((1 + c.n) / (1 + static_cast<double>(df))) + c.floor);
}

// Weighs the article by the frequencies counted before it, then counts it.
void StreamingStories::Weigh(const StoryFeatures& article, Vector* out) {
  const size_t n = article.terms.size();
  slots_.resize(n + kPrefetchAhead);
  for (size_t i = 0; i < n; ++i) slots_[i] = static_cast<uint32_t>(Slot(article.terms[i].hash));
  for (size_t i = n; i < n + kPrefetchAhead; ++i) slots_[i] = n > 0 ? slots_[0] : 0;  // prefetched in vain, but no branch
  for (size_t i = 0; i < kPrefetchAhead && i < n; ++i) __builtin_prefetch(&df_[slots_[i]]);
  out->clear();
  double norm = 0;
  const IdfContext context = Context();
  for (size_t i = 0; i < n; ++i) {
    __builtin_prefetch(&df_[slots_[i + kPrefetchAhead]]);
    const StoryFeatures::Term& t = article.terms[i];
    const float idf = IdfAt(context, slots_[i]);
    if (idf == 0 || t.tf <= 0) continue;
    out->push_back({t.hash, t.tf, idf});
    norm += out->back().weight() * out->back().weight();
  }
  norm = std::sqrt(norm);
  article_weights_.resize(out->size());
  for (size_t i = 0; i < out->size(); ++i) {
    Weighted& w = (*out)[i];
    w.mass = static_cast<float>(w.mass / norm);
    article_weights_[i] = w.weight();
  }

  if (article.terms.empty()) return;
  ++articles_;
  for (size_t i = 0; i < n; ++i) {
    Frequencies& f = df_[slots_[i]];
    Increment(&f.df);
    if (article.terms[i].entity) Increment(&f.entity_df);
  }
}

// Re-reads the idf of every centroid term once the articles counted have
// grown by an eighth since the last refresh: about log(N) / log(9/8)
// refreshes per story over a stream, of centroid_terms table reads each.
void StreamingStories::RefreshIfStale(Story* s) const {
  if (articles_ <= s->idf_at + s->idf_at / kRefreshDivisor) return;
  s->idf_at = articles_;
  const size_t n = s->centroid.size();
  slots_.resize(n + kPrefetchAhead);
  for (size_t i = 0; i < n; ++i) slots_[i] = static_cast<uint32_t>(Slot(s->centroid[i].hash));
  for (size_t i = n; i < n + kPrefetchAhead; ++i) slots_[i] = slots_[0];  // prefetched in vain, but no branch
  for (size_t i = 0; i < kPrefetchAhead && i < n; ++i) __builtin_prefetch(&df_[slots_[i]]);
  double norm = 0;
  const IdfContext context = Context();
  for (size_t i = 0; i < n; ++i) {
    __builtin_prefetch(&df_[slots_[i + kPrefetchAhead]]);
    Weighted& w = s->centroid[i];
    w.idf = IdfAt(context, slots_[i]);
    norm += w.weight() * w.weight();
  }
  s->norm = std::sqrt(norm);
}

std::optional<uint64_t> StreamingStories::FindBest(const Vector& article, std::optional<int32_t> day) {
  ++queries_;
  candidates_.clear();
  HeaviestSet(article, article_weights_.data(), options_.query_terms, &heaviest_);  // any visiting order will do
  for (uint64_t hash : heaviest_) {
    auto list = postings_.find(hash);
    if (list == postings_.end() || list->second.size() > options_.max_postings) continue;
    // Visit the list, dropping entries of retired stories on the way.
    std::vector<uint64_t>& ids = list->second;
    size_t kept = 0;
    for (uint64_t id : ids) {
      auto story = stories_.find(id);
      if (story == stories_.end()) continue;
      ids[kept++] = id;
      if (story->second.seen == queries_) continue;
      story->second.seen = queries_;
      candidates_.push_back(id);
    }
    posting_entries_ -= ids.size() - kept;
    ids.resize(kept);
  }
  std::sort(candidates_.begin(), candidates_.end());
  if (!candidates_.empty()) IndexArticle(article);

  std::optional<uint64_t> best;
  double best_score = options_.threshold;
  for (uint64_t id : candidates_) {
    Story& s = stories_.find(id)->second;
    RefreshIfStale(&s);
    const double factor = TimeFactor(s, day);
    if (factor == 0 || s.norm == 0) continue;
    const double score = DotWithArticle(s) / s.norm * factor;
    if (score >= best_score && (!best || score > best_score)) {
      best = id;
      best_score = score;
    }
  }
  if (!candidates_.empty())
    for (const Weighted& w : article) article_filter_[w.hash >> kFilterShift] = 0;  // cheaper than clearing it all
  return best;
}

// Candidates are scored against the same article: it is indexed once, and
// each centroid term is looked up in it (most miss already in the filter).
void StreamingStories::IndexArticle(const Vector& article) {
  size_t bits = 6;
  while ((size_t{1} << bits) < 2 * article.size()) ++bits;
  if (article_table_.size() != (size_t{1} << bits)) article_table_.assign(size_t{1} << bits, ArticleEntry{});
  article_mask_ = article_table_.size() - 1;
  article_shift_ = 64 - bits;
  for (const Weighted& w : article) {
    article_filter_[w.hash >> kFilterShift] = 1;
    size_t slot = (w.hash * kGolden) >> article_shift_;
    while (article_table_[slot].query == queries_) slot = (slot + 1) & article_mask_;  // hashes are unique
    article_table_[slot] = {w.hash, article_weights_[static_cast<size_t>(&w - article.data())], queries_};
  }
}

// The dot product of the indexed article and a centroid: the same products,
// added in the same (ascending hash) order as a merge of the two vectors.
double StreamingStories::DotWithArticle(const Story& s) const {
  double dot = 0;
  // The probe is out of line, so that this loop (most terms stop at the
  // filter) is an innermost one and unrolls; it reads 2 bytes per term.
  const uint16_t* prefix = s.prefixes.data();
  const size_t n = s.prefixes.size();
#pragma GCC unroll 4
  for (size_t i = 0; i < n; ++i)
    if (article_filter_[prefix[i]] != 0) dot = AddIfInArticle(s.centroid[i], dot);
  return dot;
}

double StreamingStories::AddIfInArticle(const Weighted& c, double dot) const {
  for (size_t slot = (c.hash * kGolden) >> article_shift_;; slot = (slot + 1) & article_mask_) {
    const ArticleEntry& e = article_table_[slot];
    if (e.query != queries_) return dot;
    if (e.hash == c.hash) return dot + e.weight * c.weight();
  }
}

double StreamingStories::TimeFactor(const Story& s, std::optional<int32_t> day) const {
  if (options_.window_days <= 0 || !day || !s.dated) return 1.0;
  const int32_t gap = std::max({0, s.first_day - *day, *day - s.last_day});
  if (gap > options_.window_days) return 0.0;
  return options_.decay_days > 0 ? std::exp(-gap / options_.decay_days) : 1.0;
}

void StreamingStories::Join(uint64_t id, const Vector& article, const StoryFeatures& features,
                            std::optional<int32_t> day) {
  auto [it, inserted] = stories_.try_emplace(id);
  Story& s = it->second;
  if (!inserted) {
    by_recency_.erase({s.last_join, id});
    if (s.dated) by_last_day_.erase({s.last_day, id});
  }
  RefreshIfStale(&s);
  MergeCentroid(article, &scratch_, s.centroid);
  Index(id, s.centroid, scratch_);
  live_terms_ += scratch_.size() - s.centroid.size();
  s.centroid.assign(scratch_.begin(), scratch_.end());  // reuses the story's buffer
  s.prefixes.resize(s.centroid.size());
  for (size_t i = 0; i < s.centroid.size(); ++i) s.prefixes[i] = static_cast<uint16_t>(s.centroid[i].hash >> kFilterShift);
  double norm = 0;
  for (const Weighted& w : s.centroid) norm += w.weight() * w.weight();
  s.norm = std::sqrt(norm);
  ++s.size;
  if (day) {
    s.first_day = s.dated ? std::min(s.first_day, *day) : *day;
    s.last_day = s.dated ? std::max(s.last_day, *day) : *day;
    s.dated = true;
  }
  s.last_join = ++joins_;
  by_recency_.insert({s.last_join, id});
  if (s.dated) by_last_day_.insert({s.last_day, id});
  UpdateDisplays(&s, features);

  if (day) newest_day_ = newest_day_ ? std::max(*newest_day_, *day) : *day;
  RetireExpired();
  RetireLeastRecent();
  if (posting_entries_ > kSweepRatio * live_terms_ + kSweepFloor) SweepPostings();
}

// *out = centroid + article, truncated to the heaviest centroid_terms terms
// (ties: the smaller hash), sorted by hash.
void StreamingStories::MergeCentroid(const Vector& article, Vector* out, const Vector& centroid) {
  out->resize(article.size() + centroid.size());
  weights_.resize(out->size());
  Weighted* o = out->data();
  double* weight = weights_.data();
  auto put = [&](const Weighted& w) {
    *o++ = w;
    *weight++ = w.weight();
  };
  auto a = article.begin(), c = centroid.begin();
  while (a != article.end() && c != centroid.end()) {
    if (a->hash < c->hash) {
      put(*a++);
    } else if (c->hash < a->hash) {
      put(*c++);
    } else {
      put({a->hash, a->mass + c->mass, a->idf});  // the article's idf is the fresher
      ++a;
      ++c;
    }
  }
  for (; a != article.end(); ++a) put(*a);
  for (; c != centroid.end(); ++c) put(*c);
  out->resize(static_cast<size_t>(o - out->data()));
  weights_.resize(out->size());
  const size_t k = options_.centroid_terms;
  if (out->size() <= k) return;
  // Keep the k heaviest (ties: the smaller hash). With W the (k+1)-th largest
  // weight, those are the terms heavier than W, then the first terms of
  // weight W in hash order until k are kept. Filtering in place keeps hash order.
  const size_t n = out->size();
  selection_.assign(weights_.begin(), weights_.begin() + static_cast<std::ptrdiff_t>(n));
  std::nth_element(selection_.begin(), selection_.begin() + static_cast<std::ptrdiff_t>(k), selection_.end(),
                   std::greater<double>());
  const double w = selection_[k];
  size_t heavier = 0;
  for (size_t i = 0; i < n; ++i) heavier += weights_[i] > w;
  size_t ties = k - heavier;
  size_t kept = 0;
  for (size_t i = 0; i < n; ++i) {
    if (weights_[i] == w && ties > 0) {
      --ties;
    } else if (!(weights_[i] > w)) {
      continue;
    }
    weights_[kept] = weights_[i];
    (*out)[kept++] = (*out)[i];
  }
  out->resize(kept);
  weights_.resize(kept);
}

// One pass keeping the k heaviest so far, heaviest first: most terms are
// lighter than the k-th and cost a comparison.
void StreamingStories::HeaviestHashes(const Vector& v, size_t k, std::vector<Key>* top, std::vector<uint64_t>* out) {
  k = std::min(k, v.size());
  top->resize(k);
  out->resize(k);
  if (k == 0) return;
  Key* heaviest = top->data();
  size_t m = 0;
  for (const Weighted& t : v) {
    const Key key{t.weight(), t.hash};
    size_t j;
    if (m < k) {
      j = m++;
    } else if (Heavier(key, heaviest[k - 1])) {
      j = k - 1;
    } else {
      continue;
    }
    for (; j > 0 && Heavier(key, heaviest[j - 1]); --j) heaviest[j] = heaviest[j - 1];
    heaviest[j] = key;
  }
  for (size_t i = 0; i < k; ++i) (*out)[i] = heaviest[i].hash;
}

// The k heaviest as a set: with W the k-th largest weight, the terms heavier
// than W, then the first terms of weight W in hash order until k.
void StreamingStories::HeaviestSet(const Vector& v, const double* weights, size_t k, std::vector<uint64_t>* out) {
  const size_t n = v.size();
  k = std::min(k, n);
  out->resize(k);
  if (k == 0) return;
  uint64_t* o = out->data();
  if (k == n) {
    for (const Weighted& t : v) *o++ = t.hash;
    return;
  }
  selection_.assign(weights, weights + n);
  std::nth_element(selection_.begin(), selection_.begin() + static_cast<std::ptrdiff_t>(k - 1), selection_.end(),
                   std::greater<double>());
  const double w = selection_[k - 1];
  size_t heavier = 0;
  for (size_t i = 0; i < n; ++i) heavier += weights[i] > w;
  size_t ties = k - heavier;
  for (size_t i = 0; i < n; ++i) {
    if (weights[i] > w) {
      *o++ = v[i].hash;
    } else if (weights[i] == w && ties > 0) {
      --ties;
      *o++ = v[i].hash;
    }
  }
}

// Keeps display texts for the story's label candidates only (its heaviest
// centroid terms): from the story when it has one, else from the article.
void StreamingStories::UpdateDisplays(Story* s, const StoryFeatures& features) {
  // weights_ holds the centroid's weights, from MergeCentroid.
  HeaviestSet(s->centroid, weights_.data(), LabelCandidates(), &heaviest_);  // in hash order, as displays are
  displays_.clear();
  auto own = s->displays.begin();
  for (uint64_t hash : heaviest_) {
    while (own != s->displays.end() && own->first < hash) ++own;
    if (own != s->displays.end() && own->first == hash) {
      displays_.emplace_back(hash, std::move(own->second));
      continue;
    }
    auto term = std::lower_bound(features.terms.begin(), features.terms.end(), hash, ByHash<StoryFeatures::Term>);
    if (term != features.terms.end() && term->hash == hash && !term->display.empty())
      displays_.emplace_back(hash, term->display);
  }
  s->displays.swap(displays_);  // the story's old buffer is reused next time
}

// Adds the story to the postings of centroid terms it was not indexed under.
// Terms that fell out of the centroid keep their (stale) entry until a sweep:
// candidates are scored exactly, so a stale entry costs a comparison, never
// a wrong answer.
void StreamingStories::Index(uint64_t id, const Vector& before, const Vector& now) {
  auto old = before.begin();
  for (const Weighted& t : now) {
    while (old != before.end() && old->hash < t.hash) ++old;
    if (old != before.end() && old->hash == t.hash) continue;
    std::vector<uint64_t>& list = postings_[t.hash];
    if (!list.empty() && list.back() == id) continue;
    list.push_back(id);
    ++posting_entries_;
  }
}

// Dated stories whose last dated member is more than window_days before the
// newest day seen: no dated article can join them any more.
void StreamingStories::RetireExpired() {
  if (options_.window_days <= 0 || !newest_day_) return;
  while (!by_last_day_.empty() && *newest_day_ - by_last_day_.begin()->first > options_.window_days)
    Retire(by_last_day_.begin()->second);
}

void StreamingStories::RetireLeastRecent() {
  while (stories_.size() > options_.max_live_stories) Retire(by_recency_.begin()->second);
}

void StreamingStories::Retire(uint64_t id) {
  auto it = stories_.find(id);
  const Story& s = it->second;
  by_recency_.erase({s.last_join, id});
  if (s.dated) by_last_day_.erase({s.last_day, id});
  live_terms_ -= s.centroid.size();
  stories_.erase(it);
}

// Keeps only entries of live stories whose centroid still holds the term.
// Each list is filtered on its own, so the result does not depend on the
// hash map's iteration order.
void StreamingStories::SweepPostings() {
  posting_entries_ = 0;
  for (auto it = postings_.begin(); it != postings_.end();) {
    std::vector<uint64_t>& ids = it->second;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::erase_if(ids, [&](uint64_t id) {
      auto story = stories_.find(id);
      if (story == stories_.end()) return true;
      const Vector& c = story->second.centroid;
      auto term = std::lower_bound(c.begin(), c.end(), it->first, ByHash<Weighted>);
      return term == c.end() || term->hash != it->first;
    });
    if (ids.empty()) {
      it = postings_.erase(it);
    } else {
      ids.shrink_to_fit();
      posting_entries_ += ids.size();
      ++it;
    }
  }
}

std::vector<std::string> StreamingStories::Label(uint64_t story_id) const {
  std::vector<std::string> label, lower;
  auto it = stories_.find(story_id);
  if (it == stories_.end()) return label;
  const Story& s = it->second;
  std::vector<Key> keys;
  std::vector<uint64_t> heaviest;
  HeaviestHashes(s.centroid, LabelCandidates(), &keys, &heaviest);
  for (uint64_t hash : heaviest) {
    if (label.size() >= options_.label_terms) break;
    auto own = std::lower_bound(s.displays.begin(), s.displays.end(), hash,
                                [](const std::pair<uint64_t, std::string>& d, uint64_t h) { return d.first < h; });
    if (own == s.displays.end() || own->first != hash) continue;
    std::string folded = own->second;
    for (char& c : folded) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    // Skip a word already shown inside a name, or a name around a shown word.
    const bool covered = std::any_of(lower.begin(), lower.end(), [&](const std::string& l) {
      return l.find(folded) != std::string::npos || folded.find(l) != std::string::npos;
    });
    if (covered) continue;
    lower.push_back(std::move(folded));
    label.push_back(own->second);
  }
  return label;
}

size_t StreamingStories::memory_bytes() const {
  constexpr size_t kNode = 4 * sizeof(void*);  // per hash map / tree node, roughly
  size_t bytes = df_.capacity() * sizeof(Frequencies);
  for (const auto& [id, s] : stories_) {
    bytes += sizeof(s) + kNode + s.centroid.capacity() * sizeof(Weighted) + s.prefixes.capacity() * sizeof(uint16_t);
    for (const auto& d : s.displays) bytes += sizeof(d) + d.second.capacity();
  }
  bytes += (by_recency_.size() + by_last_day_.size()) * (kNode + 16);
  bytes += postings_.size() * (kNode + sizeof(std::vector<uint64_t>)) + posting_entries_ * sizeof(uint64_t);
  return bytes;
}

}  // namespace reprint::story
