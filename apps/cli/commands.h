// The subcommands of the `reprint` CLI. Each is a thin layer over the library:
// parse flags (main.cc), call the library, print results and a summary.
// Exit status: 0 success, 1 some input was skipped, 2 usage or fatal error.
#pragma once

#include <string>
#include <vector>

#include "reprint/align.h"
#include "reprint/dedup.h"

namespace reprint::cli {

struct CommonArgs {
  std::vector<std::string> inputs;
  std::string output = "-";
  ReadOptions read;
  unsigned threads = 0;
  bool strict = false;
  bool quiet = false;  // no progress bar, no summary
};

struct DedupArgs {
  CommonArgs common;
  DedupOptions options;
  unsigned template_min_documents = 0;  // 0: no template detection
  std::string keep;        // "" (write clusters) or "canonical" (write the deduplicated corpus)
  std::string pairs_path;  // write verified pairs here when set
  bool singletons = false; // also write one-member clusters
  bool align = false;      // add each member's passage alignment against the canonical
};

struct CompareArgs {
  std::string a, b;
  CommonArgs common;
  DedupOptions options;
  AlignOptions align;
  bool json = false;
  bool colour = true;  // ANSI colours when stdout is a terminal
};

struct EvalReuseArgs {
  std::string dir;  // Clough-Stevenson corpus: file_information.csv and the texts
  AlignOptions align;
  bool json = false;
};

int RunDedup(DedupArgs& args);
struct CleanArgs {
  CommonArgs common;
  unsigned template_min_documents = 3;  // 0: no template detection
};

int RunClean(CleanArgs& args);
int RunCompare(CompareArgs& args);
int RunEvalReuse(EvalReuseArgs& args);

}  // namespace reprint::cli
