// ProblemLog: prints each skipped record to stderr as it happens (file and
// line first, so editors can jump to it) and tallies the reasons for the
// closing summary. Never drops a problem silently: past the print limit it
// keeps counting and says how many were not shown.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "reprint/reader.h"

namespace reprint::cli {

class ProgressBar;

class ProblemLog {
 public:
  explicit ProblemLog(ProgressBar* progress = nullptr, uint64_t print_limit = 1000)
      : progress_(progress), print_limit_(print_limit) {}

  void Report(const ReadProblem& problem);
  uint64_t total() const { return total_; }
  // "3 skipped: 2 malformed JSON, 1 binary file"; empty when none.
  std::string Summary() const;

 private:
  ProgressBar* progress_;
  uint64_t print_limit_;
  uint64_t total_ = 0;
  std::map<std::string, uint64_t> by_reason_;
  std::mutex mutex_;
};

}  // namespace reprint::cli
