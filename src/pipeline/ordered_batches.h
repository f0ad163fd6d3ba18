// OrderedBatches: the pipeline's one threading pattern. The calling thread
// reads documents into batches; worker threads transform batches into
// outputs; the calling thread consumes outputs strictly in input order. So
// results never depend on the number of threads, and the amount of work in
// flight (hence memory) is bounded by kBatchesPerThread x threads batches.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
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

  // Batches in flight per worker. Two left the workers short of batches
  // whenever the reading thread lost its core for a while (pass 1 of a 1 M
  // document dedup on two threads took 0.4 s longer than with four; eight
  // gained nothing more).
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

  void RunThreaded(DocumentReader& reader, const Consume& consume, const std::function<bool()>& stop) {
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads_; ++t) workers.emplace_back([this] { WorkLoop(); });
    size_t next_seq = 0, next_to_consume = 0;
    bool more = true;
    for (;;) {
      bool can_submit = more && next_seq - next_to_consume < kBatchesPerThread * threads_;
      if (can_submit && stop()) can_submit = more = false;
      if (can_submit) {
        std::unique_ptr<Job> job = TakeSpareJob();
        more = ReadBatch(reader, &job->batch);
        if (more) {
          job->seq = next_seq++;
          Submit(std::move(job));
        }
      } else if (next_to_consume < next_seq) {
        std::unique_ptr<Job> done = WaitFor(next_to_consume++);
        consume(done->batch, done->output);
        KeepSpare(std::move(done));
      } else {
        break;
      }
      // Consume whatever is already finished without blocking.
      while (std::unique_ptr<Job> ready = TakeIfDone(next_to_consume)) {
        ++next_to_consume;
        consume(ready->batch, ready->output);
        KeepSpare(std::move(ready));
      }
    }
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    work_ready_.notify_all();
    for (auto& w : workers) w.join();
  }

  // Jobs are only made, recycled and consumed on the calling thread.
  std::unique_ptr<Job> TakeSpareJob() {
    if (spare_.empty()) return std::make_unique<Job>();
    std::unique_ptr<Job> job = std::move(spare_.back());
    spare_.pop_back();
    return job;
  }

  void KeepSpare(std::unique_ptr<Job> job) {
    if (recycle_) spare_.push_back(std::move(job));
  }

  void Submit(std::unique_ptr<Job> job) {
    {
      std::lock_guard lock(mutex_);
      pending_.push_back(std::move(job));
    }
    work_ready_.notify_one();
  }

  void WorkLoop() {
    std::unique_ptr<Worker> worker = make_worker_();
    for (;;) {
      std::unique_ptr<Job> job;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [this] { return closing_ || !pending_.empty(); });
        if (pending_.empty()) return;
        job = std::move(pending_.front());
        pending_.pop_front();
      }
      process_(*worker, job->batch, &job->output);
      {
        std::lock_guard lock(mutex_);
        const size_t seq = job->seq;
        done_[seq] = std::move(job);
      }
      job_done_.notify_all();
    }
  }

  std::unique_ptr<Job> WaitFor(size_t seq) {
    std::unique_lock lock(mutex_);
    job_done_.wait(lock, [this, seq] { return done_.count(seq) != 0; });
    return Extract(seq);
  }

  std::unique_ptr<Job> TakeIfDone(size_t seq) {
    std::lock_guard lock(mutex_);
    if (done_.count(seq) == 0) return nullptr;
    return Extract(seq);
  }

  // REQUIRES: mutex_ held and done_ contains seq.
  std::unique_ptr<Job> Extract(size_t seq) {
    auto it = done_.find(seq);
    std::unique_ptr<Job> job = std::move(it->second);
    done_.erase(it);
    return job;
  }

  unsigned threads_;
  MakeWorker make_worker_;
  Process process_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable job_done_;
  std::deque<std::unique_ptr<Job>> pending_;
  std::map<size_t, std::unique_ptr<Job>> done_;
  bool closing_ = false;
  bool recycle_ = false;
  std::vector<std::unique_ptr<Job>> spare_;
};

}  // namespace reprint::pipeline
