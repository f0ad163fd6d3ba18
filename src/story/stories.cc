// ClusterStories(): the story pipeline (see reprint/story.h).
#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>
#include <unordered_map>

#include "pipeline/ordered_batches.h"
#include "reprint/story.h"
#include "story/article_terms.h"
#include "story/article_vectors.h"
#include "story/online_clusterer.h"

namespace reprint {
namespace {

using story::TermVector;

constexpr uint32_t kNone = UINT32_MAX;

struct Worker {
  explicit Worker(const CleanOptions& clean) : cleaner(clean) {}
  Cleaner cleaner;
  story::ArticleTermExtractor extractor;
};

struct Analysed {
  uint64_t index = 0;
  std::string id;
  std::optional<int32_t> day;
  Status status;
  SourceLocation location;
  story::ArticleTerms terms;
};

// Fills *copies: input index -> canonical member's index, for non-canonical
// copy members.
Status FindCopies(const std::vector<std::string>& inputs, const StoryOptions& options,
                  std::unordered_map<uint64_t, uint64_t>* copies) {
  DedupOptions dedup = options.dedup;
  dedup.read = options.read;
  dedup.read.on_problem = nullptr;  // reported once, by the story pass
  dedup.clean = options.clean;
  dedup.threads = options.threads;
  dedup.strict = false;
  Result<DedupResult> result = Deduplicate(inputs, dedup);
  if (!result.ok()) return result.status();
  for (const Cluster& c : result.value().clusters)
    for (const ClusterMember& m : c.members)
      if (m.doc != c.canonical) (*copies)[m.doc] = c.canonical;
  return Status::Ok();
}

std::vector<std::string> Label(const TermVector& centroid, const story::ArticleVectors& vectors, size_t k) {
  std::vector<std::string> label, lower;
  for (uint32_t term : story::HeaviestTerms(centroid, 4 * k)) {
    if (label.size() >= k) break;
    std::string text(vectors.display(term));
    std::string folded = text;
    for (char& c : folded) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    // Skip a word already shown inside a name, or a name around a shown word.
    bool covered = std::any_of(lower.begin(), lower.end(), [&](const std::string& l) {
      return l.find(folded) != std::string::npos || folded.find(l) != std::string::npos;
    });
    if (covered) continue;
    lower.push_back(std::move(folded));
    label.push_back(std::move(text));
  }
  return label;
}

}  // namespace



Result<StoryResult> ClusterStories(const std::vector<std::string>& inputs, const StoryOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  StoryResult result;
  std::unordered_map<uint64_t, uint64_t> copies;
  // Stdin can be read only once: its copies are not collapsed first.
  const bool reads_stdin = std::find(inputs.begin(), inputs.end(), "-") != inputs.end();
  if (options.collapse_copies && !reads_stdin) {
    Status found = FindCopies(inputs, options, &copies);
    if (!found.ok()) return found;
  }

  bool stop = false;
  ReadOptions read = options.read;
  read.on_problem = [&](const ReadProblem& problem) {
    ++result.stats.skipped;
    if (options.read.on_problem) options.read.on_problem(problem);
    stop = stop || options.strict;
  };
  Result<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(inputs, read);
  if (!reader.ok()) return reader.status();

  story::ArticleVectors vectors({options.entity_boost, options.title_boost, options.max_df_fraction,
                                 options.min_articles_for_df, options.max_article_terms});
  std::vector<uint64_t> indices;                // every readable article, in input order
  std::vector<std::optional<int32_t>> days;
  std::vector<uint32_t> position;               // per article: its vector, or kNone (copy or empty)
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  using Output = std::vector<Analysed>;
  pipeline::OrderedBatches<Worker, Output> batches(
      threads, [&options] { return std::make_unique<Worker>(options.clean); },
      [&copies](Worker& worker, pipeline::Batch& batch, Output* out) {
        out->resize(batch.size());
        CleanDocument clean;
        for (size_t i = 0; i < batch.size(); ++i) {
          Analysed& a = (*out)[i];
          a.index = batch[i].index;
          a.id = batch[i].id;
          a.location = batch[i].location;
          a.day = story::ParseDay(batch[i].date);
          a.status = worker.cleaner.Clean(batch[i], &clean);
          if (a.status.ok() && !copies.count(a.index)) worker.extractor.Extract(clean, &a.terms);
        }
      });
  batches.Run(
      *reader.value(),
      [&](pipeline::Batch&, Output& out) {
        for (Analysed& a : out) {
          ++result.stats.documents;
          if (!a.status.ok()) {
            read.on_problem({a.location, a.status.ToString()});
            continue;
          }
          if (result.ids.size() <= a.index) result.ids.resize(a.index + 1);
          result.ids[a.index] = std::move(a.id);
          indices.push_back(a.index);
          days.push_back(a.day);
          const bool copy = copies.count(a.index) != 0;
          if (copy) ++result.stats.copies;
          if (!copy && a.terms.terms.empty()) ++result.stats.empty;
          position.push_back(copy || a.terms.terms.empty() ? kNone : static_cast<uint32_t>(vectors.Add(a.terms)));
        }
      },
      [&stop] { return stop; });
  if (stop) return Status::MalformedInput("stopped at the first skipped record (strict mode)");
  std::vector<TermVector> weighted = vectors.Weigh();
  result.stats.vocabulary = vectors.vocabulary();
  result.stats.stop_terms = vectors.stop_terms();

  // The single pass, in input order.
  const auto cluster_start = std::chrono::steady_clock::now();
  story::ClustererOptions clusterer_options;
  clusterer_options.threshold = options.threshold;
  clusterer_options.centroid_terms = options.centroid_terms;
  clusterer_options.query_terms = options.query_terms;
  clusterer_options.window_days = options.window_days;
  clusterer_options.decay_days = options.decay_days;
  story::OnlineClusterer clusterer(clusterer_options);
  std::unordered_map<uint64_t, uint32_t> story_of;  // input index -> clusterer story (or singleton)
  uint32_t next_singleton = 0;
  std::vector<uint32_t> singleton_stories;
  for (size_t i = 0; i < indices.size(); ++i) {
    if (position[i] == kNone) continue;
    const TermVector& v = weighted[position[i]];
    if (v.empty()) {
      story_of[indices[i]] = kNone - 1 - next_singleton++;  // only stop words: alone
    } else {
      story_of[indices[i]] = clusterer.Add(v, days[i]);
    }
  }
  result.stats.cluster_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - cluster_start).count();

  // Members by story; copies follow their canonical member, empty articles are alone.
  std::unordered_map<uint32_t, uint32_t> story_number;  // clusterer story -> output id
  for (size_t i = 0; i < indices.size(); ++i) {
    const uint64_t index = indices[i];
    uint32_t key;
    if (auto copy = copies.find(index); copy != copies.end() && story_of.count(copy->second)) {
      key = story_of[copy->second];
    } else if (auto own = story_of.find(index); own != story_of.end()) {
      key = own->second;
    } else {
      key = kNone - 1 - next_singleton++;
    }
    auto [it, inserted] = story_number.try_emplace(key, static_cast<uint32_t>(story_number.size()));
    if (inserted) {
      Story& s = result.stories.emplace_back();
      s.id = it->second;
      if (key < clusterer.story_count()) s.label = Label(clusterer.centroid(key), vectors, options.label_terms);
    }
    result.stories[it->second].members.push_back(static_cast<uint32_t>(index));
  }
  result.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace reprint
