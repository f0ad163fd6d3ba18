// Throughput of the clean stage (Cleaner::Clean), in input bytes per second:
// plain text (seed 000, as one news article and as one long document) and
// real news pages (the readability test pages' source.html). Run e.g.
//   build/release/bench/clean_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_data.h"
#include "reprint/cleaner.h"

namespace {

namespace fs = std::filesystem;
using reprint::bench::ReadFile;
using reprint::bench::SharedDir;

std::string SeedFile(std::string_view prefix) {
  const fs::path dir = SharedDir() / "seeds";
  if (!fs::exists(dir)) return {};
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().rfind(prefix, 0) == 0) return ReadFile(e.path());
  }
  return {};
}

const std::vector<std::string>& HtmlPages() { return reprint::bench::ReadabilityPages(); }

void CleanAll(benchmark::State& state, const std::vector<reprint::RawDocument>& docs) {
  reprint::Cleaner cleaner;
  reprint::CleanDocument out;
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.content.size();
  for (auto _ : state) {
    for (const auto& d : docs) {
      if (!cleaner.Clean(d, &out).ok()) state.SkipWithError("clean failed");
      benchmark::DoNotOptimize(out.text.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(state.iterations() * docs.size()),
                                                benchmark::Counter::kIsRate);
}

// Arg: copies of seed 000 per document (1: a 5 KB article; 2000: a 10 MB text).
void BM_CleanPlainText(benchmark::State& state) {
  const std::string seed = SeedFile("000_");
  if (seed.empty()) return state.SkipWithError("seed 000 not found");
  reprint::RawDocument doc;
  doc.format = reprint::DocumentFormat::kAuto;
  for (int64_t i = 0; i < state.range(0); ++i) doc.content += seed + "\n\n";
  std::vector<reprint::RawDocument> docs(state.range(0) == 1 ? 64 : 1, doc);
  CleanAll(state, docs);
}
BENCHMARK(BM_CleanPlainText)->Arg(1)->Arg(2000);

void BM_CleanHtmlPages(benchmark::State& state) {
  std::vector<reprint::RawDocument> docs;
  for (const auto& page : HtmlPages()) {
    docs.emplace_back();
    docs.back().content = page;
  }
  if (docs.empty()) return state.SkipWithError("readability-test-pages not found");
  CleanAll(state, docs);
}
BENCHMARK(BM_CleanHtmlPages);

void BM_CleanEntityEncodedMarkup(benchmark::State& state) {
  std::vector<reprint::RawDocument> docs(1);
  docs[0].content = SeedFile("004_");
  if (docs[0].content.empty()) return state.SkipWithError("seed 004 not found");
  CleanAll(state, docs);
}
BENCHMARK(BM_CleanEntityEncodedMarkup);

void BM_CleanDeepNesting(benchmark::State& state) {
  std::vector<reprint::RawDocument> docs(1);
  std::string& html = docs[0].content;
  for (int64_t i = 0; i < state.range(0); ++i) html += "<div>";
  html += "text";
  for (int64_t i = 0; i < state.range(0); ++i) html += "</div>";
  CleanAll(state, docs);
}
BENCHMARK(BM_CleanDeepNesting)->Arg(200)->Arg(100000);

}  // namespace

BENCHMARK_MAIN();
