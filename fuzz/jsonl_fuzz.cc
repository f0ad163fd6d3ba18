// Fuzz target: arbitrary bytes read as one input of the read stage.
//
// The first byte chooses the options (file name → JSON Lines, text or stdin
// sniffing; a tiny or a normal size limit; UTF-8 repair on or off); the rest
// is the file's content, fed through NewReaderForSource() (no temp files),
// so gzip/zstd magic, line splitting, simdjson and the problem paths are all
// reachable. Checks the reader's invariants, not just "no crash".
//
// Built with clang and -DREPRINT_LIBFUZZER it is a libFuzzer target; otherwise
// main() replays the files named on the command line, or a built-in corpus
// with deterministic mutations, so the target always compiles and runs.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "read/blank_text.h"
#include "read/byte_source.h"
#include "read/document_reader.h"
#include "reprint/reader.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  static const char* kNames[] = {"fuzz.jsonl", "fuzz.txt", "-", "fuzz.jsonl.gz"};
  reprint::ReadOptions options;
  options.max_document_bytes = (selector & 4) ? 64 : (uint64_t{1} << 20);
  options.repair_invalid_utf8 = (selector & 8) == 0;
  uint64_t problems = 0;
  options.on_problem = [&](const reprint::ReadProblem& p) {
    ++problems;
    Check(!p.reason.empty(), "problem without a reason");
  };
  auto reader = reprint::read::NewReaderForSource(
      kNames[selector & 3],
      reprint::read::NewMemorySource(std::string(reinterpret_cast<const char*>(data) + 1, size - 1)),
      options);
  reprint::RawDocument doc;
  uint64_t n = 0;
  while (reader->Next(&doc)) {
    Check(doc.index == n++, "indices are consecutive");
    Check(!reprint::read::IsBlank(doc.content.data(), doc.content.size()), "no blank documents");
    Check(doc.content.size() <= options.max_document_bytes, "size limit holds");
    Check(!doc.id.empty(), "every document has an id");
  }
  Check(!reader->Next(&doc), "end is sticky");
  Check(reader->stats().documents == n, "documents counted");
  Check(reader->stats().skipped == problems, "each skip reported once");
  Check(reader->stats().bytes_read <= size - 1, "bytes_read within the input");
  return 0;
}

#ifndef REPRINT_LIBFUZZER
int main(int argc, char** argv) {
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-') continue;  // libFuzzer flags such as -runs=N
    std::ifstream in(argv[i], std::ios::binary);
    inputs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (inputs.empty()) {
    const std::vector<std::string> seeds = {
        "\x00{\"id\":1,\"text\":\"a\"}\n{\"html\":\"<p>b</p>\",\"url\":\"u\"}\n",
        "\x04{\"text\":\"" + std::string(100, 'x') + "\"}\n{\"text\":\"ok\"}",
        "\x08{\"text\":\"caf\xe9\"}\r\n[1]\n{\"text\":\"  \"}\n{bad\n",
        "\x01plain text document\n",
        "\x02  {\"text\":\"stdin\"}\n",
        std::string("\x03\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 11),
        std::string("\x00\x28\xb5\x2f\xfd\x00\x00", 7),
    };
    std::mt19937 rng(1);
    for (const std::string& seed : seeds) {
      inputs.push_back(seed);
      for (int m = 0; m < 2000; ++m) {  // deterministic byte flips, inserts and cuts
        std::string s = seed;
        for (int k = 0, edits = 1 + rng() % 4; k < edits && !s.empty(); ++k) {
          const size_t at = rng() % s.size();
          switch (rng() % 3) {
            case 0: s[at] = static_cast<char>(rng()); break;
            case 1: s.insert(at, 1, "{}\"\\\n:,u0 "[rng() % 11]); break;
            default: s.resize(at + 1); break;
          }
        }
        inputs.push_back(s);
      }
    }
  }
  for (const std::string& input : inputs) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
  std::printf("jsonl_fuzz: %zu inputs OK\n", inputs.size());
  return 0;
}
#endif
