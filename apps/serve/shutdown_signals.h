// ShutdownSignals: turns SIGTERM and SIGINT into a call of `on_signal` on an
// ordinary thread, where it may lock, allocate and stop the server (none of
// which a signal handler may do).
//
// Construct it before any other thread starts: it blocks both signals in the
// calling thread, threads created afterwards inherit the mask, and so the
// signals are only ever taken by its own thread's sigtimedwait().
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace reprint::serve {

class ShutdownSignals {
 public:
  // `on_signal` runs on the watcher thread, once per signal received.
  explicit ShutdownSignals(std::function<void()> on_signal);
  // Stops the watcher thread; later signals stay blocked (pending).
  ~ShutdownSignals();
  ShutdownSignals(const ShutdownSignals&) = delete;
  ShutdownSignals& operator=(const ShutdownSignals&) = delete;

  // Returns true iff a signal has been received.
  bool received() const { return received_.load(); }

 private:
  void Watch();

  std::function<void()> on_signal_;
  std::atomic<bool> received_{false};
  std::atomic<bool> done_{false};
  std::thread watcher_;
};

}  // namespace reprint::serve
