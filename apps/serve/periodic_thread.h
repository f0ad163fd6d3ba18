// A background thread that runs a step at once and then every `interval`
// until it is destroyed. Destruction wakes it from its wait and joins it (a
// step in progress finishes first), so the service's maintenance (retention,
// idle compaction) stops promptly on shutdown.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace reprint::serve {

class PeriodicThread {
 public:
  PeriodicThread(std::chrono::steady_clock::duration interval, std::function<void()> step);
  ~PeriodicThread();
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

 private:
  void Run();

  std::chrono::steady_clock::duration interval_;
  std::function<void()> step_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace reprint::serve
