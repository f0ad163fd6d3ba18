#include "pipeline/ordered_batches.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>

namespace reprint::pipeline {
namespace {

// Documents 0..count-1, their index as content.
class CountingReader : public DocumentReader {
 public:
  explicit CountingReader(uint64_t count) : count_(count) {}
  bool Next(RawDocument* doc) override {
    if (next_ >= count_) return false;
    doc->index = next_;
    doc->content = std::to_string(next_++);
    return true;
  }
  const ReadStats& stats() const override { return stats_; }
  uint64_t total_bytes() const override { return 0; }
  bool rereadable() const override { return true; }

 private:
  uint64_t count_;
  uint64_t next_ = 0;
  ReadStats stats_;
};

// Processing takes a random, thread-dependent time, so batches finish out
// of order; each worker counts its batches to show that all threads work.
struct SlowWorker {
  std::mt19937 rng{std::random_device{}()};
  int batches = 0;
};
using Squares = std::vector<uint64_t>;

OrderedBatches<SlowWorker, Squares> MakeBatches(unsigned threads, std::atomic<int>* workers_made) {
  return OrderedBatches<SlowWorker, Squares>(
      threads,
      [workers_made] {
        ++*workers_made;
        return std::make_unique<SlowWorker>();
      },
      [](SlowWorker& worker, Batch& batch, Squares* out) {
        std::this_thread::sleep_for(std::chrono::microseconds(worker.rng() % 300));
        out->clear();
        for (const RawDocument& doc : batch) out->push_back(std::stoull(doc.content) * std::stoull(doc.content));
        ++worker.batches;
      });
}

TEST(OrderedBatchesTest, ConsumesEveryDocumentInInputOrderOnAnyThreads) {
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    for (bool recycle : {false, true}) {
      std::atomic<int> workers_made{0};
      auto batches = MakeBatches(threads, &workers_made);
      if (recycle) batches.RecycleOutputs();
      CountingReader reader(20000);  // ~80 batches of 256
      uint64_t expected = 0;
      batches.Run(
          reader,
          [&](Batch& batch, Squares& squares) {
            ASSERT_EQ(batch.size(), squares.size());
            for (size_t i = 0; i < batch.size(); ++i, ++expected) {
              ASSERT_EQ(batch[i].index, expected) << threads << " threads";
              ASSERT_EQ(squares[i], expected * expected);
            }
          },
          [] { return false; });
      EXPECT_EQ(expected, 20000u) << threads << " threads";
      EXPECT_EQ(workers_made.load(), static_cast<int>(threads));
    }
  }
}

TEST(OrderedBatchesTest, StopsReadingWhenAsked) {
  for (unsigned threads : {1u, 2u, 4u}) {
    std::atomic<int> workers_made{0};
    auto batches = MakeBatches(threads, &workers_made);
    CountingReader reader(100000);
    uint64_t consumed = 0;
    std::atomic<bool> stop{false};
    batches.Run(
        reader,
        [&](Batch& batch, Squares&) {
          for (const RawDocument& doc : batch) ASSERT_EQ(doc.index, consumed++);
          if (consumed >= 1000) stop = true;
        },
        [&] { return stop.load(); });
    // Whatever was read is consumed, in order, and reading stopped early.
    EXPECT_GE(consumed, 1000u);
    EXPECT_LT(consumed, 100000u) << threads << " threads";
  }
}

TEST(OrderedBatchesTest, HandlesAnEmptyInput) {
  std::atomic<int> workers_made{0};
  auto batches = MakeBatches(4, &workers_made);
  CountingReader reader(0);
  int consumed = 0;
  batches.Run(reader, [&](Batch&, Squares&) { ++consumed; }, [] { return false; });
  EXPECT_EQ(consumed, 0);
}

}  // namespace
}  // namespace reprint::pipeline
