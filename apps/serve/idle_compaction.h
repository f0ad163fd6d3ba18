// Compaction when the service is idle: a background thread that compacts the
// index (CopyIndex::Compact) once no write has been committed for a while
// and some have been since the last compaction. Ingests leave memtables,
// level-0 files and fresh merge records behind, which halve the query rate
// of a 1 M-document index until they are folded (bench/RESULTS.md); a
// service whose writes come in bursts gets its query speed back between
// them, and never compacts while writes keep coming. A compaction rewrites
// the postings whole (11 s of a core at 1 M documents), so a trickle of
// writes with pauses between them must not set one off after each: the
// compactions take at most a twentieth of the time (kMaxDuty).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "periodic_thread.h"
#include "reprint/copy_index.h"

namespace reprint::serve {

class IdleCompaction {
 public:
  // idle_seconds <= 0: does nothing. Destruction stops the thread (a
  // compaction in progress finishes first).
  IdleCompaction(CopyIndex* index, double idle_seconds);

 private:
  void Look();

  CopyIndex* index_;
  std::chrono::duration<double> idle_;
  static constexpr double kMaxDuty = 0.05;

  uint64_t seen_commits_ = 0, compacted_commits_ = 0;
  std::chrono::steady_clock::time_point last_change_;
  std::chrono::steady_clock::time_point next_allowed_;  // by kMaxDuty
  std::unique_ptr<PeriodicThread> thread_;  // last: stopped before the rest goes
};

}  // namespace reprint::serve
