// SpillPrefetcher: reads a sorted list of documents' shingle sets from the
// spill on a thread of its own, so that verification's calling thread only
// schedules and hands out comparisons. Reading the spill was the serial part
// of verifying on several threads (bench/RESULTS.md). With `background`
// false it reads on the caller's thread, as a one-thread run should.
//
// Thread safety: Next() from one thread; the spill is not touched by anyone
// else until the prefetcher is destroyed.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "pipeline/shingle_spill.h"
#include "reprint/status.h"

namespace reprint::pipeline {

class SpillPrefetcher {
 public:
  // REQUIRES: `docs` outlives the prefetcher.
  SpillPrefetcher(ShingleSpill* spill, const std::vector<uint32_t>& docs, bool background);
  ~SpillPrefetcher();
  SpillPrefetcher(const SpillPrefetcher&) = delete;
  SpillPrefetcher& operator=(const SpillPrefetcher&) = delete;

  // Moves the next document's set into *set, in the order of `docs`. False
  // at the end, or at the first read error (then status() says which).
  bool Next(CompactShingles* set);
  Status status();

  // Hands back a set's buffer for a later read. Sets of a few hundred
  // shingles are too large for glibc's per-thread cache, so allocating one
  // per read and freeing it on another thread cost more than the reading.
  void Recycle(CompactShingles&& set);

 private:
  using Block = std::vector<CompactShingles>;
  static constexpr size_t kBlockSets = 256;
  static constexpr size_t kMaxBlocks = 8;
  static constexpr size_t kMaxSpare = 4096;

  void ReadAll();
  void TakeSpares(Block* block);

  ShingleSpill* spill_;
  const std::vector<uint32_t>& docs_;
  size_t next_inline_ = 0;  // without a background thread: the next document to read
  Block current_;
  size_t current_index_ = 0;

  std::mutex mutex_;
  std::condition_variable ready_;  // a block was queued or reading ended
  std::condition_variable room_;   // a block was taken or reading must stop
  std::deque<Block> blocks_;
  std::vector<CompactShingles> spare_;  // buffers to read into
  bool finished_ = false;  // the reader queued its last block
  bool stop_ = false;      // the consumer is gone
  Status status_;
  std::thread reader_;
};

}  // namespace reprint::pipeline
