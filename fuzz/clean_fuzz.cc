// Fuzz target for the clean stage: arbitrary bytes as a document of unknown
// format (so the sniffer, UTF-8 repair, entity decoding, both HTML paths and
// the chrome trimmer all see hostile input). Checks the output contract:
// valid UTF-8 without control characters other than \t \n \r.
//
// Built with clang and -fsanitize=fuzzer it is a libFuzzer target; built with
// a plain compiler (no REPRINT_LIBFUZZER) it runs the files named on the command line,
// so it compiles with any compiler and never rots (simdjson's practice).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "clean/utf8.h"
#include "reprint/cleaner.h"

namespace {

void CheckClean(const std::string& s) {
  if (!reprint::clean::IsCleanUtf8(s)) {
    std::fprintf(stderr, "clean output is not clean UTF-8\n");
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static reprint::Cleaner* cleaner = [] {
    reprint::CleanOptions options;
    options.max_html_depth = 64;  // reach the flattening fallback with small inputs
    return new reprint::Cleaner(options);
  }();
  reprint::RawDocument raw;
  raw.format = reprint::DocumentFormat::kAuto;
  raw.content.assign(reinterpret_cast<const char*>(data), size);
  reprint::CleanDocument out;
  if (cleaner->Clean(raw, &out).ok()) {
    CheckClean(out.text);
    CheckClean(out.title);
  }
  return 0;
}

#ifndef REPRINT_LIBFUZZER
int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("ran %d inputs\n", argc - 1);
  return 0;
}
#endif
