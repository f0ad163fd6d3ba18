// SpillPrefetcher: reads a sorted list of documents' shingle sets from the
// spill on threads of their own, so that verification's calling thread only
// schedules and hands out comparisons. Reading the spill was the serial part
// of verifying on several threads (bench/RESULTS.md). Readers take blocks of
// documents in turn; the caller gets them in order. With no reader threads
// it reads on the caller's thread, as a one-thread run should.
//
// Thread safety: Next() and Recycle() from one thread; nothing appends to the
// spill until the prefetcher is destroyed.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/shingle_spill.h"
#include "reprint/status.h"

namespace reprint::pipeline {

class SpillPrefetcher {
 public:
  // REQUIRES: `docs` outlives the prefetcher.
  SpillPrefetcher(ShingleSpill* spill, const std::vector<uint32_t>& docs, unsigned readers);
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
  static constexpr size_t kBlocksAhead = 8;
  static constexpr size_t kMaxSpare = 4096;

  size_t blocks() const { return (docs_.size() + kBlockSets - 1) / kBlockSets; }
  Status ReadBlock(size_t block, Block* out, std::string* buffer);
  void ReadEvery(size_t first_block, size_t stride);
  bool TakeBlock();

  ShingleSpill* spill_;
  const std::vector<uint32_t>& docs_;
  std::string inline_buffer_;
  Block current_;
  size_t current_block_ = 0;  // blocks handed out so far
  size_t current_index_ = 0;

  std::mutex mutex_;
  std::condition_variable ready_;  // a block was read, or reading failed
  std::condition_variable room_;   // a block was taken, or reading must stop
  std::map<size_t, Block> read_;   // blocks read ahead, by number
  std::vector<CompactShingles> spare_;
  bool stop_ = false;  // the consumer is gone
  Status status_;
  std::vector<std::thread> readers_;
};

}  // namespace reprint::pipeline
