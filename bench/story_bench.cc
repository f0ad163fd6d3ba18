// Throughput of story clustering on real news (the BBC corpus, 2,225
// articles in five sections), in articles per second on one core:
//   BM_OnlineClustering: the single pass alone (OnlineClusterer::Add) over
//     TF-IDF vectors made beforehand; the corpus is replayed 8 times with
//     fresh term ids per copy, so the index grows as it would on 17,800
//     articles;
//   BM_ArticleTerms: per-article feature extraction (tokens, entities, names);
//   BM_Weighing: vocabulary, document frequencies and TF-IDF vectors.
// The streaming path of the always-on service (CopyIndex), per BBC article:
//   BM_StoryFeatureExtract: StoryFeatureExtractor::Extract (request threads);
//   BM_StoryFeaturesEncodeDecode: EncodeStoryFeatures (request threads) and
//     DecodeStoryFeatures into a fresh StoryFeatures (the writer, as
//     src/store/ingest.cc does);
//   BM_StreamingAssign: StreamingStories::Assign over the corpus in order,
//     from an empty state (the writer's serial work).
// Run e.g.
//   build/release/bench/story_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bench_data.h"
#include "story/article_terms.h"
#include "story/article_vectors.h"
#include "story/online_clusterer.h"
#include "story/story_features.h"
#include "story/streaming_stories.h"

namespace {

namespace fs = std::filesystem;
using reprint::story::TermVector;

fs::path SharedDir() {
  const char* env = std::getenv("REPRINT_SHARED_DIR");
  return fs::path(env != nullptr ? env : REPRINT_SHARED_DIR);
}

// BBC articles: the first line is the headline.
const std::vector<reprint::CleanDocument>& Corpus() {
  static const std::vector<reprint::CleanDocument> docs = [] {
    std::vector<fs::path> files;
    const fs::path dir = SharedDir() / "data/corpora/bbc";
    if (fs::exists(dir))
      for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().extension() == ".txt" && e.path().filename() != "README.TXT") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<reprint::CleanDocument> out;
    for (const fs::path& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      reprint::CleanDocument doc;
      doc.id = f.string();
      doc.text = ss.str();
      out.push_back(std::move(doc));
    }
    return out;
  }();
  return docs;
}

std::vector<reprint::story::ArticleTerms> Terms() {
  reprint::story::ArticleTermExtractor extractor;
  std::vector<reprint::story::ArticleTerms> out(Corpus().size());
  for (size_t i = 0; i < out.size(); ++i) extractor.Extract(Corpus()[i], &out[i]);
  return out;
}

// The corpus as TF-IDF vectors, `copies` times with disjoint term ids.
std::vector<TermVector> Vectors(int copies) {
  const std::vector<reprint::story::ArticleTerms> terms = Terms();
  reprint::story::ArticleVectors vectors{reprint::story::WeightingOptions{}};
  for (const auto& t : terms) vectors.Add(t);
  const std::vector<TermVector> one = vectors.Weigh();
  const uint32_t vocabulary = static_cast<uint32_t>(vectors.vocabulary());
  std::vector<TermVector> out;
  for (int c = 0; c < copies; ++c)
    for (TermVector v : one) {
      for (auto& t : v) t.term += static_cast<uint32_t>(c) * vocabulary;
      out.push_back(std::move(v));
    }
  return out;
}

void BM_OnlineClustering(benchmark::State& state) {
  const std::vector<TermVector> vectors = Vectors(8);
  if (vectors.empty()) {
    state.SkipWithError("BBC corpus not found under REPRINT_SHARED_DIR");
    return;
  }
  size_t stories = 0;
  for (auto _ : state) {
    reprint::story::OnlineClusterer clusterer{reprint::story::ClustererOptions{}};
    for (const TermVector& v : vectors) clusterer.Add(v, std::nullopt);
    stories = clusterer.story_count();
    benchmark::DoNotOptimize(stories);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * vectors.size()));
  state.counters["stories"] = static_cast<double>(stories);
}
BENCHMARK(BM_OnlineClustering)->Unit(benchmark::kMillisecond);

void BM_ArticleTerms(benchmark::State& state) {
  const auto& docs = Corpus();
  if (docs.empty()) {
    state.SkipWithError("BBC corpus not found under REPRINT_SHARED_DIR");
    return;
  }
  reprint::story::ArticleTermExtractor extractor;
  reprint::story::ArticleTerms terms;
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const auto& doc : docs) {
      extractor.Extract(doc, &terms);
      bytes += static_cast<int64_t>(doc.text.size());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ArticleTerms)->Unit(benchmark::kMillisecond);

void BM_Weighing(benchmark::State& state) {
  const std::vector<reprint::story::ArticleTerms> terms = Terms();
  if (terms.empty()) {
    state.SkipWithError("BBC corpus not found under REPRINT_SHARED_DIR");
    return;
  }
  for (auto _ : state) {
    reprint::story::ArticleVectors vectors{reprint::story::WeightingOptions{}};
    for (const auto& t : terms) vectors.Add(t);
    benchmark::DoNotOptimize(vectors.Weigh());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * terms.size()));
}
BENCHMARK(BM_Weighing)->Unit(benchmark::kMillisecond);

// The BBC articles as the service sees them (bench_data.h's content order).
const std::vector<reprint::CleanDocument>& BbcDocuments() {
  static const std::vector<reprint::CleanDocument> docs = [] {
    std::vector<reprint::CleanDocument> out;
    for (const std::string& text : reprint::bench::BbcArticles()) {
      reprint::CleanDocument doc;
      doc.id = std::to_string(out.size());
      doc.text = text;
      out.push_back(std::move(doc));
    }
    return out;
  }();
  return docs;
}

const std::vector<reprint::story::StoryFeatures>& BbcFeatures() {
  static const std::vector<reprint::story::StoryFeatures> features = [] {
    reprint::story::StoryFeatureExtractor extractor{reprint::story::StreamingStoryOptions{}};
    std::vector<reprint::story::StoryFeatures> out(BbcDocuments().size());
    for (size_t i = 0; i < out.size(); ++i) extractor.Extract(BbcDocuments()[i], &out[i]);
    return out;
  }();
  return features;
}

void BM_StoryFeatureExtract(benchmark::State& state) {
  const auto& docs = BbcDocuments();
  if (docs.empty()) {
    state.SkipWithError("BBC corpus not found under REPRINT_SHARED_DIR");
    return;
  }
  reprint::story::StoryFeatureExtractor extractor{reprint::story::StreamingStoryOptions{}};
  reprint::story::StoryFeatures features;
  size_t terms = 0;
  for (auto _ : state) {
    for (const auto& doc : docs) {
      extractor.Extract(doc, &features);
      terms += features.terms.size();
    }
  }
  benchmark::DoNotOptimize(terms);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
}
BENCHMARK(BM_StoryFeatureExtract)->Unit(benchmark::kMillisecond);

void BM_StoryFeaturesEncodeDecode(benchmark::State& state) {
  const auto& features = BbcFeatures();
  if (features.empty()) {
    state.SkipWithError("BBC corpus not found under REPRINT_SHARED_DIR");
    return;
  }
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const auto& f : features) {
      const std::string encoded = reprint::story::EncodeStoryFeatures(f);
      reprint::story::StoryFeatures decoded;  // fresh, as the store's writer does
      if (!reprint::story::DecodeStoryFeatures(encoded, &decoded)) state.SkipWithError("decode failed");
      bytes += static_cast<int64_t>(encoded.size());
      benchmark::DoNotOptimize(decoded.terms.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * features.size()));
  state.counters["bytes/doc"] =
      static_cast<double>(bytes) / static_cast<double>(state.iterations() * features.size());
}
BENCHMARK(BM_StoryFeaturesEncodeDecode)->Unit(benchmark::kMillisecond);

void BM_StreamingAssign(benchmark::State& state) {
  const auto& features = BbcFeatures();
  if (features.empty()) {
    state.SkipWithError("BBC corpus not found under REPRINT_SHARED_DIR");
    return;
  }
  uint64_t checksum = 0;
  size_t stories = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto streaming = std::make_unique<reprint::story::StreamingStories>(reprint::story::StreamingStoryOptions{});
    state.ResumeTiming();
    checksum = 0;
    for (const auto& f : features) checksum = checksum * 1000003 + streaming->Assign(f, std::nullopt);
    stories = streaming->next_story_id() - 1;
    state.PauseTiming();
    streaming.reset();
    state.ResumeTiming();
  }
  benchmark::DoNotOptimize(checksum);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * features.size()));
  state.counters["stories"] = static_cast<double>(stories);
  state.counters["ids_checksum"] = static_cast<double>(checksum % 1000000007);
}
BENCHMARK(BM_StreamingAssign)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
