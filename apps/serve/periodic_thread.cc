#include "periodic_thread.h"

namespace reprint::serve {

PeriodicThread::PeriodicThread(std::chrono::steady_clock::duration interval, std::function<void()> step)
    : interval_(interval), step_(std::move(step)), thread_([this] { Run(); }) {}

PeriodicThread::~PeriodicThread() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void PeriodicThread::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    step_();
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace reprint::serve
