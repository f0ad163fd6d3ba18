// OrderedBatches: the pipeline's one threading pattern. Documents are read
// into batches, batches are transformed into outputs on all threads, and
// outputs are consumed strictly in input order. Reading and consuming take
// turns under one lock, so the callbacks see them as one thread would.
// Results never depend on the number of threads, and the work in flight
// (hence memory) is bounded by kBatchesPerThread x threads batches.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "reprint/reader.h"

namespace reprint::pipeline {

using Batch = std::vector<RawDocument>;

template <typename Worker, typename Output>
class OrderedBatches {
 public:
  using MakeWorker = std::function<std::unique_ptr<Worker>()>;
  using Process = std::function<void(Worker&, Batch&, Output*)>;
  using Consume = std::function<void(Batch&, Output&)>;

  OrderedBatches(unsigned threads, MakeWorker make_worker, Process process)
      : threads_(threads == 0 ? 1 : threads), make_worker_(std::move(make_worker)), process_(std::move(process)) {}

  // Hands each consumed output back to `process` for a later batch, so the
  // buffers a worker filled are reused rather than freed by the consuming
  // thread (frees across threads are costly in glibc malloc). REQUIRES:
  // process overwrites every part of the output it is given.
  void RecycleOutputs() { recycle_ = true; }

  // Reads `reader` to the end (or until stop() returns true, checked between
  // batches) and consumes every batch's output in order.
  void Run(DocumentReader& reader, const Consume& consume, const std::function<bool()>& stop) {
    if (threads_ == 1) {
      RunInline(reader, consume, stop);
    } else {
      RunThreaded(reader, consume, stop);
    }
  }

 private:
  struct Job {
    size_t seq = 0;
    Batch batch;
    Output output;
  };

  // Batches in flight per thread: room for batches to finish out of order.
  // Two left threads short of work whenever one lost its core for a while
  // (pass 1 of a 1 M document dedup on two threads took 0.4 s longer than
  // with four); eight, and later sixteen, gained nothing more.
  static constexpr size_t kBatchesPerThread = 4;

  // Batches are cut by count and bytes so that one huge document does not
  // travel with thousands of others.
  static bool ReadBatch(DocumentReader& reader, Batch* batch) {
    constexpr size_t kMaxDocs = 256;
    constexpr size_t kMaxBytes = size_t{4} << 20;
    batch->clear();
    size_t bytes = 0;
    while (batch->size() < kMaxDocs && bytes < kMaxBytes) {
      RawDocument doc;
      if (!reader.Next(&doc)) break;
      bytes += doc.content.size();
      batch->push_back(std::move(doc));
    }
    return !batch->empty();
  }

  void RunInline(DocumentReader& reader, const Consume& consume, const std::function<bool()>& stop) {
    std::unique_ptr<Worker> worker = make_worker_();
    Batch batch;
    Output output{};
    while (!stop() && ReadBatch(reader, &batch)) {
      if (!recycle_) output = Output{};
      process_(*worker, batch, &output);
      consume(batch, output);
    }
  }

  // Every thread, the calling one included, reads a batch, processes it and
  // then consumes whatever outputs are next in order. No thread has a role of
  // its own: a dedicated reading and consuming thread, sharing two cores with
  // two workers, made the workers lose their caches to it at every switch,
  // and the run slowed to the pace of whichever core it sat on.
  void RunThreaded(DocumentReader& reader, const Consume& consume, const std::function<bool()>& stop) {
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < threads_; ++t) helpers.emplace_back([&] { WorkLoop(reader, consume, stop); });
    WorkLoop(reader, consume, stop);
    for (auto& helper : helpers) helper.join();
  }

  void WorkLoop(DocumentReader& reader, const Consume& consume, const std::function<bool()>& stop) {
    std::unique_ptr<Worker> worker = make_worker_();
    for (;;) {
      std::unique_ptr<Job> job = NextJob(reader, stop);
      if (!job) return;
      process_(*worker, job->batch, &job->output);
      ConsumeInOrder(std::move(job), consume);
    }
  }

  // Reads the next batch, once fewer than the limit are in flight; null at
  // the end of the input. Waits for room without holding the reader's lock,
  // which a consumer needs.
  std::unique_ptr<Job> NextJob(DocumentReader& reader, const std::function<bool()>& stop) {
    std::unique_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      consumed_.wait(lock, [this] { return !more_ || reserved_ - next_to_consume_ < kBatchesPerThread * threads_; });
      if (!more_) return nullptr;
      ++reserved_;
      job = TakeSpareJob();
    }
    std::lock_guard reading(reader_mutex_);
    bool ended = false;
    {
      std::lock_guard lock(mutex_);
      ended = !more_;
    }
    if (ended || stop() || !ReadBatch(reader, &job->batch)) {
      std::lock_guard lock(mutex_);
      more_ = false;
      consumed_.notify_all();
      return nullptr;
    }
    job->seq = next_seq_++;
    return job;
  }

  // Files the job; the thread that files the next one in order consumes it
  // and every one after it that is done. One consumer at a time, and never
  // while a batch is read: `consume`, `stop` and the reader's problem
  // callbacks may share state (counts, statuses, the reader's statistics),
  // as they did when one thread did all three.
  void ConsumeInOrder(std::unique_ptr<Job> job, const Consume& consume) {
    {
      std::lock_guard lock(mutex_);
      const size_t seq = job->seq;
      done_[seq] = std::move(job);
      if (consuming_) return;
      consuming_ = true;
    }
    std::lock_guard reading(reader_mutex_);
    std::unique_lock lock(mutex_);
    for (auto it = done_.find(next_to_consume_); it != done_.end(); it = done_.find(next_to_consume_)) {
      std::unique_ptr<Job> ready = std::move(it->second);
      done_.erase(it);
      lock.unlock();
      consume(ready->batch, ready->output);
      lock.lock();
      KeepSpare(std::move(ready));
      ++next_to_consume_;
      consumed_.notify_all();
    }
    consuming_ = false;
  }

  // REQUIRES: mutex_ held.
  std::unique_ptr<Job> TakeSpareJob() {
    if (spare_.empty()) return std::make_unique<Job>();
    std::unique_ptr<Job> job = std::move(spare_.back());
    spare_.pop_back();
    return job;
  }

  // REQUIRES: mutex_ held.
  void KeepSpare(std::unique_ptr<Job> job) {
    if (recycle_) spare_.push_back(std::move(job));
  }

  unsigned threads_;
  MakeWorker make_worker_;
  Process process_;
  bool recycle_ = false;
  std::mutex reader_mutex_;  // held while reading or consuming; taken before mutex_
  size_t next_seq_ = 0;      // guarded by reader_mutex_
  std::mutex mutex_;
  std::condition_variable consumed_;
  std::map<size_t, std::unique_ptr<Job>> done_;
  size_t reserved_ = 0;  // batches let into the window (read, or being read)
  size_t next_to_consume_ = 0;
  bool more_ = true;
  bool consuming_ = false;
  std::vector<std::unique_ptr<Job>> spare_;
};

}  // namespace reprint::pipeline
