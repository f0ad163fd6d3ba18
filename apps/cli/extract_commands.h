// `reprint extract` and `reprint eval extract` (article extraction).
#pragma once

#include <string>

#include "commands.h"

namespace reprint::cli {

struct ExtractArgs {
  CommonArgs common;
  std::string format = "jsonl";  // "jsonl" or "text"
  unsigned template_min_documents = 3;  // 0: no template detection
};

struct EvalExtractArgs {
  std::string gold;                  // gold directory (Readability or newspaper4k layout)
  std::string method = "extractor";  // "extractor" or "cleaner" (the clean stage, for a baseline)
  int resamples = 1000;              // bootstrap resamples
  uint64_t seed = 20240601;
  bool json = false;
  bool quiet_pages = false;          // no per-page lines
};

int RunExtract(ExtractArgs& args);
int RunEvalExtract(const EvalExtractArgs& args);

}  // namespace reprint::cli
