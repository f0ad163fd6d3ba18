// The persistent copy index's hot paths: matching and storing one document
// (Add, with and without fsync; one at a time and from concurrent callers,
// which group commit), and Query against a populated index.
//   build/release/bench/copy_index_bench --benchmark_min_time=2
// Documents are BBC articles (../shared) cycled with a per-iteration suffix,
// so every added document is new but a third of them are copies.
#include <benchmark/benchmark.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <unistd.h>

#include "bench_data.h"
#include "reprint/copy_index.h"

namespace reprint {
namespace {

std::filesystem::path FreshDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("reprint-bench-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

std::unique_ptr<CopyIndex> OpenIndex(const std::filesystem::path& dir, bool sync) {
  CopyIndexOptions options;
  options.sync_writes = sync;
  auto index = CopyIndex::Open(dir.string(), options);
  if (!index.ok()) std::abort();
  return std::move(index).value();
}

PreparedDocument PrepareNth(const CopyIndex& index, uint64_t n) {
  const auto& articles = bench::BbcArticles();
  RawDocument raw;
  raw.id = "doc-" + std::to_string(n);
  // Two of three are new texts (a unique tail), one of three an exact copy.
  raw.content = articles[n % articles.size()];
  if (n % 3 != 0) raw.content += " Reported as item " + std::to_string(n) + " of the feed today.";
  raw.format = DocumentFormat::kText;
  return std::move(index.Prepare(raw)).value();
}

// Prepared outside the timing: what is measured is the index, not cleaning.
std::vector<PreparedDocument> PrepareMany(const CopyIndex& index, uint64_t first, size_t count) {
  std::vector<PreparedDocument> docs;
  for (size_t i = 0; i < count; ++i) docs.push_back(PrepareNth(index, first + i));
  return docs;
}

void BM_AddOneAtATime(benchmark::State& state) {
  const bool sync = state.range(0) != 0;
  const auto dir = FreshDir("add");
  auto index = OpenIndex(dir, sync);
  constexpr size_t kBatch = 2000;
  uint64_t n = 0;
  std::vector<PreparedDocument> docs;
  std::vector<DocumentAnswer> answers;
  for (auto _ : state) {
    if (docs.empty()) {
      state.PauseTiming();
      docs = PrepareMany(*index, n, kBatch);
      std::reverse(docs.begin(), docs.end());
      state.ResumeTiming();
    }
    std::vector<PreparedDocument> one;
    one.push_back(std::move(docs.back()));
    docs.pop_back();
    if (!index->Add(std::move(one), &answers).ok()) state.SkipWithError("Add failed");
    ++n;
  }
  state.SetItemsProcessed(static_cast<int64_t>(n));
  index.reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_AddOneAtATime)->Arg(0)->Arg(1)->ArgName("sync")->Unit(benchmark::kMicrosecond)->UseRealTime();

// Concurrent callers, as HTTP handler threads are: group commit shares fsyncs.
void BM_AddConcurrent(benchmark::State& state) {
  const int callers = static_cast<int>(state.range(0));
  const auto dir = FreshDir("concurrent");
  auto index = OpenIndex(dir, true);
  constexpr size_t kPerCaller = 1000;
  std::vector<std::vector<PreparedDocument>> docs;
  for (int c = 0; c < callers; ++c) docs.push_back(PrepareMany(*index, c * kPerCaller, kPerCaller));
  uint64_t added = 0;
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int c = 0; c < callers; ++c)
      threads.emplace_back([&, c] {
        std::vector<DocumentAnswer> answers;
        for (PreparedDocument& d : docs[c]) {
          std::vector<PreparedDocument> one;
          one.push_back(d);
          if (!index->Add(std::move(one), &answers).ok()) std::abort();
        }
      });
    for (auto& t : threads) t.join();
    added += callers * kPerCaller;
    state.PauseTiming();
    index.reset();
    std::filesystem::remove_all(dir);
    index = OpenIndex(dir, true);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(added));
  index.reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_AddConcurrent)->Arg(8)->Arg(32)->ArgName("callers")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

void BM_Query(benchmark::State& state) {
  const auto dir = FreshDir("query");
  auto index = OpenIndex(dir, false);
  std::vector<DocumentAnswer> answers;
  const auto stored = static_cast<uint64_t>(state.range(0));
  if (!index->Add(PrepareMany(*index, 0, stored), &answers).ok()) std::abort();
  std::vector<PreparedDocument> queries = PrepareMany(*index, stored, 1000);
  size_t i = 0;
  DocumentAnswer answer;
  for (auto _ : state) {
    if (!index->Query(queries[i++ % queries.size()], &answer).ok()) state.SkipWithError("Query failed");
  }
  state.SetItemsProcessed(state.iterations());
  index.reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_Query)->Arg(2000)->Arg(20000)->ArgName("stored")->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace reprint

BENCHMARK_MAIN();
