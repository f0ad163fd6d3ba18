#include "retention.h"

#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <ctime>

namespace reprint::serve {

Retention::Retention(CopyIndex* index, int days) : index_(index), days_(days) {
  if (days_ > 0) thread_ = std::make_unique<PeriodicThread>(std::chrono::hours(1), [this] { Expire(); });
}

void Retention::Expire() {
  const auto today = static_cast<int32_t>(std::time(nullptr) / 86400);
  Result<uint64_t> removed = index_->DeleteBefore(today - days_);
  if (!removed.ok())
    std::fprintf(stderr, "reprint serve: retention failed: %s\n", removed.status().ToString().c_str());
  else if (removed.value() > 0)
    std::fprintf(stderr, "reprint serve: retention removed %" PRIu64 " documents older than %d days\n", removed.value(),
                 days_);
}

}  // namespace reprint::serve
