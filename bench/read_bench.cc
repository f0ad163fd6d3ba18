// Google Benchmark kernels for the read stage: JSON Lines throughput
// (plain, gzip, zstd), the line splitter alone, and many small files.
//
//   build/<dir>/bench/read_bench --benchmark_filter=Jsonl
//
// Inputs are generated once into a temporary directory (removed at exit) and
// read from the page cache, so the figures measure CPU cost, not the disk.
#include <stdlib.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include <benchmark/benchmark.h>

#include "read/byte_source.h"
#include "read/line_splitter.h"
#include "reprint/reader.h"

namespace {

namespace fs = std::filesystem;

// A temp directory that lives for the whole benchmark run.
const std::string& Dir() {
  static const std::string dir = [] {
    std::string tmpl = (fs::temp_directory_path() / "reprint-read-bench-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(Dir(), ec);
    });
    return tmpl;
  }();
  return dir;
}

// News-like JSON Lines: ids, urls, dates, titles and ~`text_bytes` of text
// with some escapes (quotes, newlines, non-ASCII) as real exports have.
std::string MakeJsonl(size_t total_bytes, size_t text_bytes, uint32_t seed) {
  static const char* kWords[] = {"the",   "minister", "said",   "on",     "Tuesday", "that",
                                 "talks", "would",    "resume", "after",  "a",       "break",
                                 "caf\\u00e9", "\\\"quoted\\\"", "Zürich", "percent", "market", "rose"};
  std::mt19937 rng(seed);
  std::string out;
  out.reserve(total_bytes + text_bytes * 2);
  for (uint64_t i = 0; out.size() < total_bytes; ++i) {
    out += R"({"id":")" + std::to_string(i) + R"(","url":"https://news.example.com/2024/01/)" +
           std::to_string(rng() % 100000) + R"(","source":"Example Wire","date":"2024-01-)" +
           std::to_string(10 + rng() % 20) + R"(T12:00:00Z","title":"Talks resume","text":")";
    const size_t target = out.size() + text_bytes / 2 + rng() % text_bytes;
    while (out.size() < target) {
      out += kWords[rng() % (sizeof kWords / sizeof kWords[0])];
      out += (rng() % 25 == 0) ? ".\\n\\n" : " ";
    }
    out += "\"}\n";
  }
  return out;
}

std::string Compress(const std::string& data, bool zstd) {
  if (zstd) {
    std::string out(ZSTD_compressBound(data.size()), '\0');
    out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
    return out;
  }
  uLongf n = compressBound(data.size()) + 64;
  std::string out(n, '\0');
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// Writes (once) a JSONL corpus of ~64 MiB and returns its path and raw size.
// (The benchmark library calls a benchmark several times; the files are cached.)
std::pair<std::string, uint64_t> Corpus(size_t text_bytes, const std::string& compression) {
  static std::map<std::string, std::pair<std::string, uint64_t>> cache;
  std::string name = Dir() + "/corpus-" + std::to_string(text_bytes) + ".jsonl";
  if (!compression.empty()) name += "." + compression;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  const std::string jsonl = MakeJsonl(size_t{64} << 20, text_bytes, 7);
  const std::string data = compression.empty() ? jsonl : Compress(jsonl, compression == "zst");
  std::ofstream(name, std::ios::binary) << data;
  return cache[name] = {name, jsonl.size()};
}

void ReadFiles(benchmark::State& state, const std::vector<std::string>& inputs, uint64_t bytes) {
  uint64_t docs = 0;
  for (auto _ : state) {
    auto reader = reprint::DocumentReader::Open(inputs, {});
    if (!reader.ok()) {
      state.SkipWithError(reader.status().ToString().c_str());
      return;
    }
    reprint::RawDocument doc;
    while (reader.value()->Next(&doc)) benchmark::DoNotOptimize(doc.content.data());
    docs = reader.value()->stats().documents;
    if (reader.value()->stats().skipped != 0) state.SkipWithError("unexpected skipped records");
  }
  // Bytes are uncompressed JSON Lines bytes, so the three codecs compare directly.
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs));
}

void BM_ReadJsonl(benchmark::State& state, const char* compression) {
  auto [path, bytes] = Corpus(static_cast<size_t>(state.range(0)), compression);
  ReadFiles(state, {path}, bytes);
}
BENCHMARK_CAPTURE(BM_ReadJsonl, plain, "")->Arg(500)->Arg(4000)->Arg(40000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJsonl, gzip, "gz")->Arg(4000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadJsonl, zstd, "zst")->Arg(4000)->Unit(benchmark::kMillisecond);

// The line splitter alone over memory (memcpy from the source + memchr): the
// ceiling for JSON Lines reading.
void BM_SplitLines(benchmark::State& state) {
  const std::string jsonl = MakeJsonl(size_t{64} << 20, 4000, 7);
  for (auto _ : state) {
    state.PauseTiming();
    auto source = reprint::read::NewMemorySource(jsonl);  // copies the input
    state.ResumeTiming();
    reprint::read::LineSplitter lines(source.get(), 1 << 30);
    uint64_t n = 0;
    while (lines.Next().kind == reprint::read::LineSplitter::Kind::kLine) ++n;
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * jsonl.size()));
}
BENCHMARK(BM_SplitLines)->Unit(benchmark::kMillisecond);

// Many small one-document files in a directory tree: per-file overhead.
void BM_ReadSmallFiles(benchmark::State& state) {
  const std::string root = Dir() + "/small";
  const int files = static_cast<int>(state.range(0));
  uint64_t bytes = 0;
  std::mt19937 rng(3);
  fs::remove_all(root);
  for (int i = 0; i < files; ++i) {
    fs::create_directories(root + "/d" + std::to_string(i % 32));
    std::string text(2000 + rng() % 4000, 'a');
    for (size_t j = 0; j < text.size(); j += 6) text[j] = ' ';
    std::ofstream(root + "/d" + std::to_string(i % 32) + "/f" + std::to_string(i) + ".txt") << text;
    bytes += text.size();
  }
  ReadFiles(state, {root}, bytes);
}
BENCHMARK(BM_ReadSmallFiles)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
