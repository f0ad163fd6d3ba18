#include "story/streaming_stories.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <sstream>

#include "reprint/cleaner.h"
#include "reprint/cluster_metrics.h"

namespace reprint::story {
namespace {

namespace fs = std::filesystem;

// Entities, so that no term of these tiny streams is a stop word.
StoryFeatures Features(std::initializer_list<std::pair<uint64_t, float>> terms) {
  StoryFeatures f;
  for (auto [hash, tf] : terms) f.terms.push_back({hash, tf, true, "t" + std::to_string(hash)});
  std::sort(f.terms.begin(), f.terms.end(), [](const auto& a, const auto& b) { return a.hash < b.hash; });
  return f;
}

// Frequencies in use from the first article: no warm-up.
StreamingStoryOptions NoWarmUp() {
  StreamingStoryOptions options;
  options.min_articles_for_df = 0;
  return options;
}

StoryFeatures FromText(const std::string& title, const std::string& text) {
  CleanDocument doc;
  doc.title = title;
  doc.text = text;
  StoryFeatures f;
  StoryFeatureExtractor(StreamingStoryOptions{}).Extract(doc, &f);
  return f;
}

struct LabelledArticle {
  std::string topic;
  StoryFeatures features;
};

// "malaysia.airlines.flight.10.txt" -> "malaysia.airlines.flight",
// "ParisAttacks2015 (3).txt" -> "ParisAttacks2015" (as tests/stories_cli_test.cc).
std::string TopicOf(const fs::path& file) {
  static const std::regex suffix(R"(( \(\d+\)|\.\d+)?\.txt$)");
  return std::regex_replace(file.filename().string(), suffix, "");
}

// WikiRef220 in sorted file order, cleaned and extracted; empty when missing.
std::vector<LabelledArticle> WikiRef220() {
  const fs::path dir = fs::path(REPRINT_SHARED_DIR) / "data/stories/wikiref220";
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return {};
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename() != "README.txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  Cleaner cleaner;
  StoryFeatureExtractor extractor{StreamingStoryOptions{}};
  std::vector<LabelledArticle> out;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    RawDocument raw;
    raw.id = f.string();
    raw.content = content.str();
    CleanDocument clean;
    if (!cleaner.Clean(raw, &clean).ok()) continue;
    LabelledArticle& a = out.emplace_back();
    a.topic = TopicOf(f);
    extractor.Extract(clean, &a.features);
  }
  return out;
}

// A fixed permutation (Fisher-Yates over a seeded mt19937_64, whose output is
// specified by the standard, unlike std::shuffle's use of it).
std::vector<size_t> Shuffled(size_t n, uint64_t seed) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::mt19937_64 rng(seed);
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  return order;
}

ClusterAgreement StreamAndCompare(const std::vector<LabelledArticle>& articles, const std::vector<size_t>& order,
                                  double* micros_per_assign = nullptr) {
  std::map<std::string, int64_t> topic_ids;
  std::vector<int64_t> gold, predicted;
  StreamingStories stories{StreamingStoryOptions{}};
  const auto start = std::chrono::steady_clock::now();
  for (size_t i : order) predicted.push_back(static_cast<int64_t>(stories.Assign(articles[i].features, std::nullopt)));
  const auto end = std::chrono::steady_clock::now();
  if (micros_per_assign != nullptr)
    *micros_per_assign = std::chrono::duration<double, std::micro>(end - start).count() / order.size();
  for (size_t i : order)
    gold.push_back(topic_ids.try_emplace(articles[i].topic, static_cast<int64_t>(topic_ids.size())).first->second);
  return CompareClusterings(gold, predicted);
}

TEST(StoryFeaturesTest, EncodeDecodeRoundTrip) {
  const StoryFeatures f = FromText("Malaysia Airlines jet lost", "Searchers said the jet flew over Perth with 239 people on "
                                   "board. Malaysia Airlines said the search goes on, and on, and on.");
  ASSERT_GT(f.terms.size(), 10u);
  size_t displayed = 0;
  for (const auto& t : f.terms) displayed += !t.display.empty();
  EXPECT_EQ(displayed, std::min(f.terms.size(), StoryFeatureExtractor::kDisplayTerms));
  const std::string bytes = EncodeStoryFeatures(f);
  StoryFeatures g;
  ASSERT_TRUE(DecodeStoryFeatures(bytes, &g));
  ASSERT_EQ(g.terms.size(), f.terms.size());
  for (size_t i = 0; i < f.terms.size(); ++i) {
    EXPECT_EQ(g.terms[i].hash, f.terms[i].hash);
    EXPECT_EQ(g.terms[i].tf, f.terms[i].tf);
    EXPECT_EQ(g.terms[i].entity, f.terms[i].entity);
    EXPECT_EQ(g.terms[i].display, f.terms[i].display);
  }
  EXPECT_EQ(EncodeStoryFeatures(g), bytes);
  StoryFeatures empty;
  ASSERT_TRUE(DecodeStoryFeatures(EncodeStoryFeatures(StoryFeatures{}), &empty));
  EXPECT_TRUE(empty.terms.empty());
}

// Indexes written before format version 2 still load.
TEST(StoryFeaturesTest, DecodesVersion1) {
  // Version 1: tf values, then hash deltas as varints; "ab" displayed on the first term.
  const std::string v1("\x01\x01\x00\x00\x80\x3f\x02\x05\x03\x02" "ab" "\x03\x00", 14);
  StoryFeatures f;
  ASSERT_TRUE(DecodeStoryFeatures(v1, &f));
  ASSERT_EQ(f.terms.size(), 2u);
  EXPECT_EQ(f.terms[0].hash, 5u);
  EXPECT_EQ(f.terms[1].hash, 8u);
  EXPECT_EQ(f.terms[0].tf, 1.0f);
  EXPECT_TRUE(f.terms[0].entity);
  EXPECT_FALSE(f.terms[1].entity);
  EXPECT_EQ(f.terms[0].display, "ab");
  EXPECT_EQ(f.terms[1].display, "");
  EXPECT_EQ(static_cast<uint8_t>(EncodeStoryFeatures(f)[0]), kStoryFeaturesVersion);
  for (size_t n = 0; n < v1.size(); ++n) EXPECT_FALSE(DecodeStoryFeatures(v1.substr(0, n), &f)) << n;
}

TEST(StoryFeaturesTest, CorruptBytesAreRejectedWithoutCrashing) {
  const std::string bytes = EncodeStoryFeatures(FromText("", "Perth said 239 people of Malaysia Airlines flew on."));
  StoryFeatures out;
  for (size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(DecodeStoryFeatures(bytes.substr(0, n), &out)) << n;
  EXPECT_FALSE(DecodeStoryFeatures(bytes + '\0', &out));
  std::string version = bytes;
  version[0] = 9;
  EXPECT_FALSE(DecodeStoryFeatures(version, &out));
  EXPECT_FALSE(DecodeStoryFeatures(std::string("\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 11), &out));
  // Flipped bits: any answer is fine but a crash; what decodes keeps the invariants.
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 5000; ++trial) {
    std::string mutated = bytes;
    for (int flips = 0; flips < 3; ++flips) mutated[rng() % mutated.size()] ^= static_cast<char>(1 << (rng() % 8));
    if (!DecodeStoryFeatures(mutated, &out)) continue;
    for (size_t i = 1; i < out.terms.size(); ++i) ASSERT_LT(out.terms[i - 1].hash, out.terms[i].hash);
  }
}

TEST(StreamingStoriesTest, SimilarArticlesJoinAndOthersStartStories) {
  StreamingStories s(NoWarmUp(), 100);
  EXPECT_EQ(s.Assign(Features({{1, 1}, {2, 1}, {3, 1}}), std::nullopt), 100u);
  EXPECT_EQ(s.Assign(Features({{1, 1}, {2, 1}, {4, 1}}), std::nullopt), 100u);
  EXPECT_EQ(s.Assign(Features({{10, 1}, {11, 1}}), std::nullopt), 101u);
  EXPECT_EQ(s.Assign(Features({{11, 1}, {12, 1}}), std::nullopt), 101u);
  EXPECT_EQ(s.Assign(StoryFeatures{}, std::nullopt), 102u);  // nothing to weigh: alone
  EXPECT_EQ(s.next_story_id(), 103u);
  EXPECT_EQ(s.live_stories(), 3u);
  EXPECT_GT(s.memory_bytes(), 0u);
  const std::vector<std::string> label = s.Label(100);
  ASSERT_FALSE(label.empty());
  EXPECT_TRUE(std::find(label.begin(), label.end(), "t1") != label.end());
  EXPECT_TRUE(s.Label(999).empty());
}

TEST(StreamingStoriesTest, DatedStoriesBeyondTheWindowAreRetired) {
  StreamingStoryOptions options = NoWarmUp();
  options.window_days = 3;
  StreamingStories s(options);
  const StoryFeatures f = Features({{1, 1}, {2, 1}});
  EXPECT_EQ(s.Assign(f, 100), 1u);
  EXPECT_EQ(s.Assign(f, 102), 1u);  // within 3 days of the story
  EXPECT_EQ(s.Assign(Features({{7, 1}}), std::nullopt), 2u);  // undated: never expires
  EXPECT_EQ(s.Assign(f, 110), 3u);  // 8 days after story 1, which is now retired
  EXPECT_EQ(s.live_stories(), 2u);
  EXPECT_TRUE(s.Label(1).empty());
  EXPECT_FALSE(s.Label(2).empty());
  EXPECT_EQ(s.Assign(f, std::nullopt), 3u);  // undated: the best live story
}

TEST(StreamingStoriesTest, LiveStoryCapBoundsLiveStories) {
  StreamingStoryOptions options;
  options.max_live_stories = 5;
  StreamingStories s(options);
  for (uint64_t i = 0; i < 1000; ++i) {
    s.Assign(Features({{3 * i + 1, 1}, {3 * i + 2, 1}}), std::nullopt);  // all distinct
    ASSERT_LE(s.live_stories(), 5u);
  }
  EXPECT_EQ(s.next_story_id(), 1001u);
  EXPECT_TRUE(s.Label(1).empty());
  EXPECT_FALSE(s.Label(1000).empty());
  // The least recently joined story goes first: joining story 996 keeps it live.
  EXPECT_EQ(s.Assign(Features({{3 * 995 + 1, 1}, {3 * 995 + 2, 1}}), std::nullopt), 996u);
  s.Assign(Features({{5000, 1}}), std::nullopt);
  EXPECT_FALSE(s.Label(996).empty());
  EXPECT_TRUE(s.Label(997).empty());
}

TEST(StreamingStoriesTest, RetiredPostingsAreSweptAway) {
  StreamingStoryOptions options;
  options.max_live_stories = 10;
  options.df_table_bits = 12;
  StreamingStories s(options);
  for (uint64_t i = 0; i < 20000; ++i) s.Assign(Features({{10 * i + 1, 1}, {10 * i + 2, 2}}), std::nullopt);
  // Live: 10 stories of 2 terms; without sweeping, 40000 posting entries would remain.
  EXPECT_LT(s.memory_bytes(), size_t{1} << 20);
}

TEST(StreamingStoriesTest, RestoreUnknownStoryKeepsItsId) {
  StreamingStories s{NoWarmUp()};
  s.Restore(Features({{1, 1}, {2, 1}}), std::nullopt, 41);
  EXPECT_EQ(s.next_story_id(), 42u);
  EXPECT_EQ(s.Assign(Features({{1, 1}, {2, 1}}), std::nullopt), 41u);
  EXPECT_EQ(s.Assign(Features({{8, 1}}), std::nullopt), 42u);
}

TEST(StreamingStoriesTest, WikiRef220OneArticleAtATime) {
  const std::vector<LabelledArticle> articles = WikiRef220();
  if (articles.empty()) GTEST_SKIP() << "WikiRef220 not found under REPRINT_SHARED_DIR";
  ASSERT_EQ(articles.size(), 220u);
  std::vector<size_t> sorted(articles.size());
  for (size_t i = 0; i < sorted.size(); ++i) sorted[i] = i;
  double micros = 0;
  const ClusterAgreement in_order = StreamAndCompare(articles, sorted, &micros);
  std::printf("sorted order: B-cubed P %.3f R %.3f F1 %.3f, ARI %.3f; %.1f us per Assign\n",
              in_order.bcubed_precision, in_order.bcubed_recall, in_order.bcubed_f1, in_order.ari, micros);
  constexpr int kShuffles = 10;
  double sum = 0, worst = 1;
  for (uint64_t seed = 1; seed <= kShuffles; ++seed) {
    const ClusterAgreement m = StreamAndCompare(articles, Shuffled(articles.size(), seed));
    std::printf("shuffle %llu: B-cubed P %.3f R %.3f F1 %.3f, ARI %.3f\n", static_cast<unsigned long long>(seed),
                m.bcubed_precision, m.bcubed_recall, m.bcubed_f1, m.ari);
    sum += m.bcubed_f1;
    worst = std::min(worst, m.bcubed_f1);
  }
  std::printf("shuffles: mean F1 %.3f, worst %.3f\n", sum / kShuffles, worst);
  // Measured: sorted 0.881; shuffles mean 0.919, worst 0.894 (batch: 0.930).
  // Sorted order is the harder stream: its first 37 articles are NBA then
  // Paris, all while the frequencies warm up, and Paris ends up split.
  EXPECT_GE(in_order.bcubed_f1, 0.86);
  EXPECT_GE(sum / kShuffles, 0.90);
  EXPECT_GE(worst, 0.87);
}

// A longer stream: WikiRef220 twenty times over, each pass with its terms
// renamed (so each pass is new news), under a small live-story cap.
TEST(StreamingStoriesTest, LongStreamStaysBoundedAndFast) {
  const std::vector<LabelledArticle> articles = WikiRef220();
  if (articles.empty()) GTEST_SKIP() << "WikiRef220 not found under REPRINT_SHARED_DIR";
  StreamingStoryOptions options;
  options.max_live_stories = 100;
  StreamingStories stories(options);
  constexpr int kPasses = 20;
  std::vector<StoryFeatures> renamed(kPasses * articles.size());
  for (int pass = 0; pass < kPasses; ++pass) {
    for (size_t i = 0; i < articles.size(); ++i) {
      StoryFeatures& f = renamed[pass * articles.size() + i];
      f = articles[i].features;
      for (auto& t : f.terms) t.hash = t.hash * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(pass);
      std::sort(f.terms.begin(), f.terms.end(), [](const auto& a, const auto& b) { return a.hash < b.hash; });
    }
  }
  const std::vector<size_t> order = Shuffled(renamed.size(), 3);
  size_t peak_memory = 0;
  const auto start = std::chrono::steady_clock::now();
  for (size_t k = 0; k < order.size(); ++k) {
    stories.Assign(renamed[order[k]], std::nullopt);
    ASSERT_LE(stories.live_stories(), 100u);
    if (k % 256 == 0) peak_memory = std::max(peak_memory, stories.memory_bytes());
  }
  const double micros =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / order.size();
  std::printf("%zu articles: %.1f us per Assign (memory_bytes sampled too), peak %zu KB, %zu live stories\n",
              order.size(), micros, peak_memory >> 10, stories.live_stories());
  // 100 live stories of at most 300 terms, plus the fixed 32 MB frequency tables.
  EXPECT_LT(peak_memory, (size_t{32} << 20) + (size_t{8} << 20));
}

TEST(StreamingStoriesTest, RestoreThenAssignMatchesAnUninterruptedRun) {
  std::vector<LabelledArticle> articles = WikiRef220();
  if (articles.empty()) GTEST_SKIP() << "WikiRef220 not found under REPRINT_SHARED_DIR";
  const std::vector<size_t> order = Shuffled(articles.size(), 11);
  StreamingStoryOptions options;
  options.max_live_stories = 40;  // retirement is part of the replayed state
  StreamingStories uninterrupted(options, 7);
  std::vector<uint64_t> ids;
  for (size_t i = 0; i < order.size(); ++i) {
    const int32_t day = 16000 + static_cast<int32_t>(i / 10);
    ids.push_back(uninterrupted.Assign(articles[order[i]].features, day));
  }
  const size_t half = order.size() / 2;
  StreamingStories first(options, 7);
  for (size_t i = 0; i < half; ++i) first.Assign(articles[order[i]].features, 16000 + static_cast<int32_t>(i / 10));
  StreamingStories restored(options, 7);
  for (size_t i = 0; i < half; ++i) {
    // Through the stored form, as the service would.
    StoryFeatures decoded;
    ASSERT_TRUE(DecodeStoryFeatures(EncodeStoryFeatures(articles[order[i]].features), &decoded));
    restored.Restore(decoded, 16000 + static_cast<int32_t>(i / 10), ids[i]);
  }
  EXPECT_EQ(restored.next_story_id(), first.next_story_id());
  EXPECT_EQ(restored.live_stories(), first.live_stories());
  for (size_t i = half; i < order.size(); ++i) {
    const int32_t day = 16000 + static_cast<int32_t>(i / 10);
    ASSERT_EQ(first.Assign(articles[order[i]].features, day), ids[i]) << i;
    ASSERT_EQ(restored.Assign(articles[order[i]].features, day), ids[i]) << i;
    ASSERT_EQ(restored.Label(ids[i]), first.Label(ids[i]));
  }
  EXPECT_EQ(restored.live_stories(), uninterrupted.live_stories());
  EXPECT_EQ(restored.memory_bytes(), first.memory_bytes());
}

}  // namespace
}  // namespace reprint::story
