// Retention for the service: a background thread that drops documents older
// than N days (by date, else ingest time) at start and then every hour,
// through CopyIndex::DeleteBefore (which keeps clusters consistent).
#pragma once

#include <memory>

#include "periodic_thread.h"
#include "reprint/copy_index.h"

namespace reprint::serve {

class Retention {
 public:
  // days <= 0: does nothing. Destruction stops the thread (an expiry in
  // progress finishes first).
  Retention(CopyIndex* index, int days);

 private:
  void Expire();

  CopyIndex* index_;
  int days_;
  std::unique_ptr<PeriodicThread> thread_;  // last: stopped before the rest goes
};

}  // namespace reprint::serve
