#include "shutdown_signals.h"

#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <ctime>

namespace reprint::serve {
namespace {

sigset_t ShutdownSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

ShutdownSignals::ShutdownSignals(std::function<void()> on_signal) : on_signal_(std::move(on_signal)) {
  const sigset_t set = ShutdownSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  watcher_ = std::thread([this] { Watch(); });
}

ShutdownSignals::~ShutdownSignals() {
  done_.store(true);
  watcher_.join();
}

void ShutdownSignals::Watch() {
  const sigset_t set = ShutdownSet();
  // A timed wait, so the destructor's flag is seen without sending a signal.
  const timespec tick{0, 100 * 1000 * 1000};
  while (!done_.load()) {
    const int signal = sigtimedwait(&set, nullptr, &tick);
    if (signal == SIGTERM || signal == SIGINT) {
      received_.store(true);
      on_signal_();
    }
  }
}

}  // namespace reprint::serve
