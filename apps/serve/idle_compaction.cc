#include "idle_compaction.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace reprint::serve {

IdleCompaction::IdleCompaction(CopyIndex* index, double idle_seconds) : index_(index), idle_seconds_(idle_seconds) {
  if (idle_seconds_ > 0) thread_ = std::thread([this] { Run(); });
}

IdleCompaction::~IdleCompaction() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void IdleCompaction::Run() {
  using Clock = std::chrono::steady_clock;
  const auto idle = std::chrono::duration<double>(idle_seconds_);
  // Looks often enough to notice the idle moment within a tenth of it.
  const auto poll = std::chrono::duration_cast<Clock::duration>(std::clamp(idle / 10, std::chrono::duration<double>(0.05),
                                                                           std::chrono::duration<double>(10)));
  uint64_t seen = index_->Stats().commits, compacted = seen;
  auto last_change = Clock::now();
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, poll, [this] { return stopping_; })) {
    const uint64_t commits = index_->Stats().commits;
    if (commits != seen) {
      seen = commits;
      last_change = Clock::now();
      continue;
    }
    if (commits == compacted || Clock::now() - last_change < idle) continue;
    lock.unlock();
    Status status = index_->Compact();
    if (!status.ok()) std::fprintf(stderr, "reprint serve: compaction failed: %s\n", status.ToString().c_str());
    compacted = commits;  // a failure is not retried until more writes come
    lock.lock();
  }
}

}  // namespace reprint::serve
