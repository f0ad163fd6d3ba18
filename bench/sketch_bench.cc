// Kernels of the fingerprint stage on clean news text: tokenize, shingle,
// sketch. Input: the BBC corpus from ../shared (plain English news), or a
// synthetic fallback when it is absent.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "bench_data.h"
#include "reprint/fingerprint.h"
#include "reprint/lsh.h"
#include "reprint/similarity.h"
#include "sketch/oph_sketch.h"
#include "sketch/shingles.h"
#include "sketch/tokenizer.h"

namespace {

// Concatenated BBC articles (~5 MB), one string per article.
const std::vector<std::string>& Articles() {
  static const std::vector<std::string> articles = [] {
    std::vector<std::string> out = reprint::bench::BbcArticles();
    if (out.empty()) {  // synthetic fallback: random words
      std::mt19937 rng(1);
      for (int d = 0; d < 500; ++d) {
        std::string text;
        for (int w = 0; w < 400; ++w) text += std::string(1 + rng() % 9, static_cast<char>('a' + rng() % 26)) + " ";
        out.push_back(text);
      }
    }
    return out;
  }();
  return articles;
}

size_t TotalBytes() {
  size_t total = 0;
  for (const auto& a : Articles()) total += a.size();
  return total;
}

void BM_Tokenize(benchmark::State& state) {
  reprint::sketch::Tokenizer tokenizer(1);
  std::vector<uint64_t> hashes;
  for (auto _ : state)
    for (const auto& a : Articles()) tokenizer.HashTokens(a, &hashes);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

void BM_TokenizeShingle(benchmark::State& state) {
  reprint::sketch::Tokenizer tokenizer(1);
  std::vector<uint64_t> hashes, shingles;
  for (auto _ : state)
    for (const auto& a : Articles()) {
      tokenizer.HashTokens(a, &hashes);
      reprint::sketch::HashShingles(hashes, 5, &shingles);
    }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_TokenizeShingle)->Unit(benchmark::kMillisecond);

// The full fingerprint: tokenize + shingle + sketch + anchors + exact hash.
void BM_Fingerprint(benchmark::State& state) {
  reprint::FingerprintOptions options;
  options.num_perm = static_cast<int>(state.range(0));
  reprint::Fingerprinter fingerprinter(options);
  reprint::Fingerprint print;
  for (auto _ : state)
    for (const auto& a : Articles()) fingerprinter.Compute(a, &print);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_Fingerprint)->Arg(128)->Arg(256)->Unit(benchmark::kMillisecond);

void BM_ShingleSet(benchmark::State& state) {
  reprint::Fingerprinter fingerprinter;
  reprint::ShingleSet set;
  for (auto _ : state)
    for (const auto& a : Articles()) fingerprinter.Shingles(a, &set);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_ShingleSet)->Unit(benchmark::kMillisecond);

// The verification set: low 32 bits, radix sorted.
void BM_CompactShingleSet(benchmark::State& state) {
  reprint::Fingerprinter fingerprinter;
  std::vector<uint32_t> set;
  for (auto _ : state)
    for (const auto& a : Articles()) fingerprinter.CompactShingles(a, &set);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_CompactShingleSet)->Unit(benchmark::kMillisecond);

// Verification: each article's compact set against a copy of it with the
// second half cut (containment 1, Jaccard about 0.5) and against the next
// article (almost nothing shared), as candidate pairs come in both kinds.
void BM_CompareCompactSets(benchmark::State& state) {
  reprint::Fingerprinter fingerprinter;
  std::vector<std::vector<uint32_t>> sets, trimmed;
  for (const auto& a : Articles()) {
    sets.emplace_back();
    fingerprinter.CompactShingles(a, &sets.back());
    trimmed.emplace_back();
    fingerprinter.CompactShingles(a.substr(0, a.size() / 2), &trimmed.back());
  }
  size_t elements = 0;
  for (size_t i = 0; i < sets.size(); ++i)
    elements += 2 * sets[i].size() + trimmed[i].size() + sets[(i + 1) % sets.size()].size();
  double sum = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < sets.size(); ++i) {
      sum += reprint::CompareShingleSets(sets[i], trimmed[i]).jaccard;
      sum += reprint::CompareShingleSets(sets[i], sets[(i + 1) % sets.size()]).jaccard;
    }
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * elements));
}
BENCHMARK(BM_CompareCompactSets)->Unit(benchmark::kMillisecond);

void BM_LshInsertQuery(benchmark::State& state) {
  reprint::Fingerprinter fingerprinter;
  std::vector<std::vector<uint32_t>> sketches;
  reprint::Fingerprint print;
  for (const auto& a : Articles()) {
    fingerprinter.Compute(a, &print);
    sketches.push_back(print.sketch);
  }
  const reprint::LshParams params = reprint::OptimalLshParams(0.7, 128);
  std::vector<uint32_t> found;
  for (auto _ : state) {
    reprint::LshIndex index(params);
    for (size_t i = 0; i < sketches.size(); ++i) {
      found.clear();
      index.Query(sketches[i], &found);
      index.Insert(static_cast<uint32_t>(i), sketches[i]);
    }
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * sketches.size()));
}
BENCHMARK(BM_LshInsertQuery)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
