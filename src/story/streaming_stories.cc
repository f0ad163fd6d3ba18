#include "story/streaming_stories.h"

#include <algorithm>
#include <cmath>

#include "util/hash_mix.h"

namespace reprint::story {
namespace {

// Postings are swept when their entries exceed this many times the live
// centroid terms (plus a floor, so that small states are not swept often):
// the sweep's cost is then amortised over as many joins.
constexpr size_t kSweepRatio = 2;
constexpr size_t kSweepFloor = 4096;
constexpr uint64_t kRefreshDivisor = 8;

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
  df_.assign(size_t{1} << options_.df_table_bits, 0);
  entity_df_.assign(df_.size(), 0);
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
float StreamingStories::Idf(uint64_t hash) const {
  const size_t slot = Slot(hash);
  const double n = static_cast<double>(articles_);
  const double df = std::min<double>(df_[slot], n);
  const bool use_df = articles_ >= options_.min_articles_for_df;
  if (use_df && df > options_.max_df_fraction * n && 2 * entity_df_[slot] < df_[slot]) return 0;
  const double floor = use_df ? 1.0 : n / static_cast<double>(options_.min_articles_for_df);
  return static_cast<float>(std::log((1 + n) / (1 + df)) + floor);
}

// Weighs the article by the frequencies counted before it, then counts it.
void StreamingStories::Weigh(const StoryFeatures& article, Vector* out) {
  out->clear();
  double norm = 0;
  for (const StoryFeatures::Term& t : article.terms) {
    const float idf = Idf(t.hash);
    if (idf == 0 || t.tf <= 0) continue;
    out->push_back({t.hash, t.tf, idf});
    norm += out->back().weight() * out->back().weight();
  }
  norm = std::sqrt(norm);
  for (Weighted& w : *out) w.mass = static_cast<float>(w.mass / norm);

  if (article.terms.empty()) return;
  ++articles_;
  for (const StoryFeatures::Term& t : article.terms) {
    const size_t slot = Slot(t.hash);
    Increment(&df_[slot]);
    if (t.entity) Increment(&entity_df_[slot]);
  }
}

// Re-reads the idf of every centroid term once the articles counted have
// grown by an eighth since the last refresh: about log(N) / log(9/8)
// refreshes per story over a stream, of centroid_terms table reads each.
void StreamingStories::RefreshIfStale(Story* s) const {
  if (articles_ <= s->idf_at + s->idf_at / kRefreshDivisor) return;
  s->idf_at = articles_;
  double norm = 0;
  for (Weighted& w : s->centroid) {
    w.idf = Idf(w.hash);
    norm += w.weight() * w.weight();
  }
  s->norm = std::sqrt(norm);
}

std::optional<uint64_t> StreamingStories::FindBest(const Vector& article, std::optional<int32_t> day) {
  ++queries_;
  candidates_.clear();
  for (uint64_t hash : HeaviestHashes(article, options_.query_terms)) {
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

  std::optional<uint64_t> best;
  double best_score = options_.threshold;
  for (uint64_t id : candidates_) {
    Story& s = stories_.find(id)->second;
    RefreshIfStale(&s);
    const double factor = TimeFactor(s, day);
    if (factor == 0 || s.norm == 0) continue;
    const double score = Dot(article, s.centroid) / s.norm * factor;
    if (score >= best_score && (!best || score > best_score)) {
      best = id;
      best_score = score;
    }
  }
  return best;
}

double StreamingStories::Dot(const Vector& a, const Vector& b) {
  double dot = 0;
  auto x = a.begin(), y = b.begin();
  while (x != a.end() && y != b.end()) {
    if (x->hash < y->hash) {
      ++x;
    } else if (y->hash < x->hash) {
      ++y;
    } else {
      dot += x->weight() * y->weight();
      ++x;
      ++y;
    }
  }
  return dot;
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
void StreamingStories::MergeCentroid(const Vector& article, Vector* out, const Vector& centroid) const {
  out->clear();
  auto a = article.begin(), c = centroid.begin();
  while (a != article.end() && c != centroid.end()) {
    if (a->hash < c->hash) {
      out->push_back(*a++);
    } else if (c->hash < a->hash) {
      out->push_back(*c++);
    } else {
      out->push_back({a->hash, a->mass + c->mass, a->idf});  // the article's idf is the fresher
      ++a;
      ++c;
    }
  }
  out->insert(out->end(), a, article.end());
  out->insert(out->end(), c, centroid.end());
  if (out->size() <= options_.centroid_terms) return;
  std::nth_element(out->begin(), out->begin() + static_cast<std::ptrdiff_t>(options_.centroid_terms), out->end(),
                   Heavier);
  out->resize(options_.centroid_terms);
  std::sort(out->begin(), out->end(), [](const Weighted& x, const Weighted& y) { return x.hash < y.hash; });
}

bool StreamingStories::Heavier(const Weighted& a, const Weighted& b) {
  const double wa = a.weight(), wb = b.weight();
  return wa != wb ? wa > wb : a.hash < b.hash;
}

std::vector<uint64_t> StreamingStories::HeaviestHashes(const Vector& v, size_t k) {
  Vector sorted = v;
  const size_t n = std::min(k, sorted.size());
  std::partial_sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n), sorted.end(), Heavier);
  std::vector<uint64_t> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = sorted[i].hash;
  return out;
}

// Keeps display texts for the story's label candidates only (its heaviest
// centroid terms): from the story when it has one, else from the article.
void StreamingStories::UpdateDisplays(Story* s, const StoryFeatures& features) const {
  std::vector<std::pair<uint64_t, std::string>> kept;
  for (uint64_t hash : HeaviestHashes(s->centroid, LabelCandidates())) {
    auto own = std::lower_bound(s->displays.begin(), s->displays.end(), std::make_pair(hash, std::string()));
    if (own != s->displays.end() && own->first == hash) {
      kept.emplace_back(hash, std::move(own->second));
      continue;
    }
    auto term = std::lower_bound(features.terms.begin(), features.terms.end(), hash, ByHash<StoryFeatures::Term>);
    if (term != features.terms.end() && term->hash == hash && !term->display.empty())
      kept.emplace_back(hash, term->display);
  }
  std::sort(kept.begin(), kept.end());
  s->displays = std::move(kept);
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
  for (uint64_t hash : HeaviestHashes(s.centroid, LabelCandidates())) {
    if (label.size() >= options_.label_terms) break;
    auto own = std::lower_bound(s.displays.begin(), s.displays.end(), std::make_pair(hash, std::string()));
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
  size_t bytes = (df_.capacity() + entity_df_.capacity()) * sizeof(uint32_t);
  for (const auto& [id, s] : stories_) {
    bytes += sizeof(s) + kNode + s.centroid.capacity() * sizeof(Weighted);
    for (const auto& d : s.displays) bytes += sizeof(d) + d.second.capacity();
  }
  bytes += (by_recency_.size() + by_last_day_.size()) * (kNode + 16);
  bytes += postings_.size() * (kNode + sizeof(std::vector<uint64_t>)) + posting_entries_ * sizeof(uint64_t);
  return bytes;
}

}  // namespace reprint::story
