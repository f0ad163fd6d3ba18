#include "problem_log.h"

#include <cstdio>

#include "progress.h"

namespace reprint::cli {
namespace {

// The reason's leading words, before any detail: "malformed JSON: ..." ->
// "malformed JSON".
std::string ReasonKind(const std::string& reason) {
  size_t end = reason.find_first_of(":(");
  std::string kind = reason.substr(0, end);
  while (!kind.empty() && kind.back() == ' ') kind.pop_back();
  return kind.empty() ? "other" : kind;
}

}  // namespace

void ProblemLog::Report(const ReadProblem& problem) {
  std::lock_guard lock(mutex_);
  ++total_;
  ++by_reason_[ReasonKind(problem.reason)];
  if (progress_) progress_->Clear();
  if (total_ <= print_limit_) {
    std::fprintf(stderr, "reprint: skipped %s: %s\n", problem.where.ToString().c_str(), problem.reason.c_str());
  } else if (total_ == print_limit_ + 1) {
    std::fprintf(stderr, "reprint: more problems follow; only their count is shown from now on\n");
  }
}

std::string ProblemLog::Summary() const {
  if (total_ == 0) return "";
  std::string out = std::to_string(total_) + " skipped (";
  bool first = true;
  for (const auto& [reason, count] : by_reason_) {
    if (!first) out += ", ";
    out += std::to_string(count) + " " + reason;
    first = false;
  }
  return out + ")";
}

}  // namespace reprint::cli
