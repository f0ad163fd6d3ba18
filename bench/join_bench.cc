// The batch candidate join (index::SharedKeyPairs) on containment anchors
// shaped like a news crawl: documents are made of sentences, most drawn from
// a shared pool that each unrelated document reuses (so most anchors are in
// ~140 postings, as in bench/make_corpus.py's 1 M corpus), plus anchors of
// their own; a third of the documents are copies of earlier ones, trimmed to
// 40-100 % with some anchors changed. Run:
//   build/release/bench/join_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

#include "index/shared_keys.h"

namespace {

using reprint::index::DocumentKeys;

// `documents` documents of about 37 anchors, `reuse` of them from the pool.
DocumentKeys CrawlAnchors(size_t documents, double pool_share) {
  std::mt19937 rng(7);
  constexpr size_t kAnchors = 37;
  const size_t pool = std::max<size_t>(1, static_cast<size_t>(documents * kAnchors * pool_share / 140));
  std::vector<std::vector<uint32_t>> keys(documents);
  uint32_t next_own = 1u << 31;
  for (size_t d = 0; d < documents; ++d) {
    std::vector<uint32_t>& k = keys[d];
    if (d > 0 && rng() % 3 == 0) {  // a copy of an earlier document
      const std::vector<uint32_t>& source = keys[rng() % d];
      const double kept = 0.4 + 0.6 * (rng() % 1000) / 1000.0;
      for (uint32_t key : source)
        if ((rng() % 1000) < kept * 1000) k.push_back(rng() % 20 == 0 ? next_own++ : key);
    } else {
      for (size_t i = 0; i < kAnchors; ++i)
        k.push_back((rng() % 1000) < pool_share * 1000 ? static_cast<uint32_t>(rng() % pool) : next_own++);
    }
    std::sort(k.begin(), k.end());
    k.erase(std::unique(k.begin(), k.end()), k.end());
  }
  DocumentKeys out;
  for (const auto& k : keys) out.Add(k);
  return out;
}

void BM_AnchorJoin(benchmark::State& state) {
  const auto documents = static_cast<size_t>(state.range(0));
  const DocumentKeys docs = CrawlAnchors(documents, 0.8);
  const auto rule = [](uint32_t, uint32_t, uint32_t shared, uint32_t keys_a, uint32_t keys_b) {
    const uint32_t smaller = std::min(keys_a, keys_b);
    return smaller > 0 && shared >= std::min(2u, smaller) && shared >= 0.4 * smaller;
  };
  const reprint::index::JoinLimits limits{2, static_cast<size_t>(state.range(1)), 2000};
  size_t pairs = 0;
  for (auto _ : state) {
    reprint::index::JoinStats stats;
    pairs = reprint::index::SharedKeyPairs(docs, limits, 1, rule, &stats).size();
  }
  state.counters["pairs"] = static_cast<double>(pairs);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * documents));
}
BENCHMARK(BM_AnchorJoin)->Args({200000, 16})->Args({200000, 2000})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
BENCHMARK_MAIN();
