// Retention for the service: a background thread that drops documents older
// than N days (by date, else ingest time) at start and then every hour,
// through CopyIndex::DeleteBefore (which keeps clusters consistent).
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "reprint/copy_index.h"

namespace reprint::serve {

class Retention {
 public:
  // days <= 0: does nothing.
  Retention(CopyIndex* index, int days);
  ~Retention();  // stops the thread (an expiry in progress finishes first)
  Retention(const Retention&) = delete;
  Retention& operator=(const Retention&) = delete;

 private:
  void Run();

  CopyIndex* index_;
  int days_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace reprint::serve
