// Passage alignment of two long news texts (about 5,000 words each): a
// reprint with cut, moved, added and re-spelled paragraphs, and an unrelated
// pair. Texts are BBC articles from ../shared joined into one long article
// (synthetic words when the corpus is absent). The copy's alignment is
// checked before it is timed.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "bench_data.h"
#include "reprint/align.h"

namespace {

std::vector<std::string> Paragraphs(size_t skip_articles, size_t words_wanted) {
  const std::vector<std::string>& articles = reprint::bench::BbcArticles();
  std::vector<std::string> paragraphs;
  size_t words = 0;
  std::mt19937 rng(static_cast<unsigned>(skip_articles));
  for (size_t i = skip_articles; words < words_wanted; ++i) {
    std::string article;
    if (i < articles.size()) {
      article = articles[i];
    } else {  // synthetic fallback
      for (int w = 0; w < 300; ++w)
        article += std::string(1 + rng() % 9, static_cast<char>('a' + rng() % 26)) + (w % 40 == 39 ? "\n\n" : " ");
    }
    std::stringstream lines(article);
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      words += static_cast<size_t>(std::count(line.begin(), line.end(), ' ')) + 1;
      paragraphs.push_back(line);
    }
  }
  return paragraphs;
}

std::string Join(const std::vector<std::string>& paragraphs) {
  std::string text;
  for (const auto& p : paragraphs) text += p + "\n\n";
  return text;
}

// A reprint: every 7th paragraph cut, two moved to the end, one word in 60
// re-spelled, a paragraph from elsewhere added every 10th.
std::string Reprint(const std::vector<std::string>& source, const std::vector<std::string>& other) {
  std::vector<std::string> kept, moved;
  std::mt19937 rng(42);
  for (size_t i = 0; i < source.size(); ++i) {
    if (i % 7 == 3) continue;
    std::string p = source[i];
    for (size_t pos = p.find(' ', rng() % 300); pos != std::string::npos && pos + 3 < p.size();
         pos = p.find(' ', pos + 250 + rng() % 200))
      p[pos + 2] = p[pos + 2] == 'e' ? 'a' : 'e';
    (i == 5 || i == 11 ? moved : kept).push_back(p);
    if (i % 10 == 9) kept.push_back(other[i % other.size()]);
  }
  kept.insert(kept.end(), moved.begin(), moved.end());
  return Join(kept);
}

struct Texts {
  std::string a, copy, unrelated;
};

// Texts of about `words` words each (made once per size).
const Texts& BenchTexts(size_t words) {
  static std::map<size_t, Texts> texts;
  auto it = texts.find(words);
  if (it == texts.end()) {
    const std::vector<std::string> source = Paragraphs(0, words), other = Paragraphs(1200, words);
    it = texts.emplace(words, Texts{Join(source), Reprint(source, other), Join(other)}).first;
  }
  return it->second;
}

void BM_AlignReprint(benchmark::State& state) {
  const Texts& t = BenchTexts(static_cast<size_t>(state.range(0)));
  const reprint::Alignment check = reprint::Align(t.a, t.copy);
  if (check.coverage_b < 0.8 || check.coverage_a < 0.7 || check.spans.size() < 2) {
    state.SkipWithError("the reprint is not aligned");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(reprint::Align(t.a, t.copy));
  state.counters["a_words"] = static_cast<double>(check.a_words);
  state.counters["b_words"] = static_cast<double>(check.b_words);
  state.counters["passages"] = static_cast<double>(check.spans.size());
  state.counters["coverage_b"] = check.coverage_b;
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * (t.a.size() + t.copy.size())));
}
// 5,000 words is the target size; the others show the growth with length.
BENCHMARK(BM_AlignReprint)->Arg(1250)->Arg(5000)->Arg(20000)->Unit(benchmark::kMicrosecond);

void BM_AlignUnrelated(benchmark::State& state) {
  const Texts& t = BenchTexts(static_cast<size_t>(state.range(0)));
  const reprint::Alignment check = reprint::Align(t.a, t.unrelated);
  state.counters["a_words"] = static_cast<double>(check.a_words);
  state.counters["b_words"] = static_cast<double>(check.b_words);
  state.counters["coverage_b"] = check.coverage_b;
  for (auto _ : state) benchmark::DoNotOptimize(reprint::Align(t.a, t.unrelated));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * (t.a.size() + t.unrelated.size())));
}
BENCHMARK(BM_AlignUnrelated)->Arg(1250)->Arg(5000)->Arg(20000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
