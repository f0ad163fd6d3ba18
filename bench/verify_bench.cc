// Verification of candidate pairs on their spilled shingle sets
// (pipeline::ScorePairs): read back the sets the pairs need and score every
// pair exactly. Shaped like the 1 M-document dedup: sets of 100-600 shingles,
// half the documents in pairs, a partner usually within a few hundred
// documents and sometimes anywhere. Run on 1 and 2 threads to see how the
// scan scales:
//   build/release/bench/verify_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <random>

#include "index/shared_keys.h"
#include "pipeline/verify_pass.h"

namespace {

using reprint::pipeline::CompactShingles;
using reprint::pipeline::ShingleSpill;

struct VerifyInput {
  std::unique_ptr<ShingleSpill> spill;
  std::vector<uint32_t> counts;
  std::vector<uint64_t> pairs;
  uint64_t spilled_bytes = 0;
};

const VerifyInput& Input() {
  static const VerifyInput input = [] {
    constexpr size_t kDocuments = 200000;
    std::mt19937 rng(11);
    VerifyInput in;
    in.spill = std::move(ShingleSpill::Create("", true).value());
    CompactShingles set;
    for (size_t d = 0; d < kDocuments; ++d) {
      set.resize(100 + rng() % 500);
      for (uint32_t& s : set) s = rng();
      std::sort(set.begin(), set.end());
      (void)in.spill->Append(set);
      in.counts.push_back(static_cast<uint32_t>(set.size()));
      in.spilled_bytes += 4 + 4 * set.size();
    }
    for (uint32_t a = 0; a + 1 < kDocuments; ++a) {
      if (rng() % 2 != 0) continue;
      const unsigned partners = 1 + rng() % 3;
      for (unsigned i = 0; i < partners; ++i) {
        const uint32_t span = rng() % 8 == 0 ? static_cast<uint32_t>(kDocuments - a - 1) : std::min<uint32_t>(500, static_cast<uint32_t>(kDocuments - a - 1));
        in.pairs.push_back(reprint::index::PackPair(a, a + 1 + rng() % span));
      }
    }
    std::sort(in.pairs.begin(), in.pairs.end());
    in.pairs.erase(std::unique(in.pairs.begin(), in.pairs.end()), in.pairs.end());
    return in;
  }();
  return input;
}

void BM_ScorePairs(benchmark::State& state) {
  const VerifyInput& in = Input();
  reprint::DedupOptions options;
  options.threads = static_cast<unsigned>(state.range(0));
  std::vector<reprint::PairScores> scores;
  for (auto _ : state) {
    reprint::DedupStats stats;
    reprint::Status status =
        reprint::pipeline::ScorePairs(in.spill.get(), options, 2, {&in.pairs, &in.counts}, &scores, &stats);
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
    benchmark::DoNotOptimize(scores.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * in.pairs.size()));
  state.counters["pairs"] = static_cast<double>(in.pairs.size());
}
BENCHMARK(BM_ScorePairs)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
