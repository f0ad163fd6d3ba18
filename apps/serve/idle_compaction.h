// Compaction when the service is idle: a background thread that compacts the
// index (CopyIndex::Compact) once no write has been committed for a while
// and some have been since the last compaction. Ingests leave memtables,
// level-0 files and fresh merge records behind, which halve the query rate
// of a 1 M-document index until they are folded (bench/RESULTS.md); a
// service whose writes come in bursts gets its query speed back between
// them, and never compacts while writes keep coming.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "reprint/copy_index.h"

namespace reprint::serve {

class IdleCompaction {
 public:
  // idle_seconds <= 0: does nothing.
  IdleCompaction(CopyIndex* index, double idle_seconds);
  ~IdleCompaction();  // stops the thread (a compaction in progress finishes first)
  IdleCompaction(const IdleCompaction&) = delete;
  IdleCompaction& operator=(const IdleCompaction&) = delete;

 private:
  void Run();

  CopyIndex* index_;
  double idle_seconds_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace reprint::serve
