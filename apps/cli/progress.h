// ProgressBar: one self-overwriting line on stderr with documents, bytes,
// rate and ETA — only when stderr is a terminal, so logs and pipes stay clean.
// Thread safety: call from one thread (the pipeline's reading thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace reprint::cli {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled);
  // Redraws at most every 200 ms.
  void Update(const std::string& stage, uint64_t documents, uint64_t bytes, uint64_t total_bytes);
  // Erases the line (before other stderr output, and at the end).
  void Clear();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::string stage_;
};

// "1.5 GB", "830 KB": for people, not parsers.
std::string HumanBytes(double bytes);
// "1,234,567"
std::string WithThousands(uint64_t n);

}  // namespace reprint::cli
