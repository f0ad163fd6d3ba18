// Parse-only throughput of the HTML5 parsers available as Debian packages,
// on the same real news pages (readability test pages), to back the clean
// stage's choice of myhtml over gumbo. Run e.g.
//   build/release/bench/html_parsers_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>
#include <gumbo.h>

#include "bench_data.h"
#include <myhtml/api.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {


const std::vector<std::string>& Pages() { return reprint::bench::ReadabilityPages(); }

size_t TotalBytes() {
  size_t n = 0;
  for (const auto& p : Pages()) n += p.size();
  return n;
}

// One parser and tree reused for every page, single-threaded, as in the cleaner.
void BM_Myhtml(benchmark::State& state) {
  if (Pages().empty()) return state.SkipWithError("readability-test-pages not found");
  myhtml_t* myhtml = myhtml_create();
  myhtml_init(myhtml, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0);
  myhtml_tree_t* tree = myhtml_tree_create();
  myhtml_tree_init(tree, myhtml);
  for (auto _ : state) {
    for (const auto& page : Pages()) {
      myhtml_parse(tree, MyENCODING_UTF_8, page.data(), page.size());
      benchmark::DoNotOptimize(myhtml_tree_get_document(tree));
    }
  }
  myhtml_tree_destroy(tree);
  myhtml_destroy(myhtml);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_Myhtml);

void BM_Gumbo(benchmark::State& state) {
  if (Pages().empty()) return state.SkipWithError("readability-test-pages not found");
  for (auto _ : state) {
    for (const auto& page : Pages()) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
      benchmark::DoNotOptimize(out->root);
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_Gumbo);

}  // namespace

BENCHMARK_MAIN();
