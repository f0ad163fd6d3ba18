#include "idle_compaction.h"

#include <algorithm>
#include <cstdio>

namespace reprint::serve {

IdleCompaction::IdleCompaction(CopyIndex* index, double idle_seconds)
    : index_(index),
      idle_(idle_seconds),
      seen_commits_(index->Stats().commits),
      compacted_commits_(seen_commits_),
      last_change_(std::chrono::steady_clock::now()) {
  if (idle_seconds <= 0) return;
  // Looks often enough to notice the idle moment within a tenth of it.
  const std::chrono::duration<double> poll = std::clamp(idle_ / 10, std::chrono::duration<double>(0.05),
                                                        std::chrono::duration<double>(10));
  thread_ = std::make_unique<PeriodicThread>(std::chrono::duration_cast<std::chrono::steady_clock::duration>(poll),
                                             [this] { Look(); });
}

void IdleCompaction::Look() {
  const uint64_t commits = index_->Stats().commits;
  const auto now = std::chrono::steady_clock::now();
  if (commits != seen_commits_) {
    seen_commits_ = commits;
    last_change_ = now;
    return;
  }
  if (commits == compacted_commits_ || now - last_change_ < idle_ || now < next_allowed_) return;
  Status status = index_->Compact();
  if (!status.ok()) std::fprintf(stderr, "reprint serve: compaction failed: %s\n", status.ToString().c_str());
  compacted_commits_ = commits;  // a failure is not retried until more writes come
  const auto done = std::chrono::steady_clock::now();
  next_allowed_ = done + std::chrono::duration_cast<std::chrono::steady_clock::duration>((done - now) / kMaxDuty);
}

}  // namespace reprint::serve
