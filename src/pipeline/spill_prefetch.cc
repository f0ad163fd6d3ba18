#include "pipeline/spill_prefetch.h"

#include <algorithm>

namespace reprint::pipeline {

SpillPrefetcher::SpillPrefetcher(ShingleSpill* spill, const std::vector<uint32_t>& docs, unsigned readers)
    : spill_(spill), docs_(docs) {
  status_ = spill_->FinishWriting();
  if (!status_.ok()) return;
  for (unsigned r = 0; r < readers; ++r) readers_.emplace_back([this, r, readers] { ReadEvery(r, readers); });
}

SpillPrefetcher::~SpillPrefetcher() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  room_.notify_all();
  for (auto& reader : readers_) reader.join();
}

Status SpillPrefetcher::ReadBlock(size_t block, Block* out, std::string* buffer) {
  const size_t first = block * kBlockSets, count = std::min(kBlockSets, docs_.size() - first);
  out->resize(count);
  {
    std::lock_guard lock(mutex_);
    for (size_t i = 0; i < count && !spare_.empty(); ++i) {
      (*out)[i] = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  return spill_->ReadSets({docs_.data() + first, count}, out->data(), buffer);
}

void SpillPrefetcher::ReadEvery(size_t first_block, size_t stride) {
  std::string buffer;
  for (size_t block = first_block; block < blocks(); block += stride) {
    {
      std::unique_lock lock(mutex_);
      room_.wait(lock, [&] { return stop_ || block < current_block_ + kBlocksAhead; });
      if (stop_) return;
    }
    Block sets;
    Status status = ReadBlock(block, &sets, &buffer);
    std::lock_guard lock(mutex_);
    if (!status.ok()) {
      if (status_.ok()) status_ = status;
      ready_.notify_all();
      return;
    }
    read_.emplace(block, std::move(sets));
    ready_.notify_all();
  }
}

// Makes the next block current; false at the end or after an error.
bool SpillPrefetcher::TakeBlock() {
  if (current_block_ >= blocks()) return false;
  if (readers_.empty()) {
    if (!status_.ok()) return false;
    status_ = ReadBlock(current_block_, &current_, &inline_buffer_);
    if (!status_.ok()) return false;
    ++current_block_;
  } else {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return !status_.ok() || read_.count(current_block_) != 0; });
    if (!status_.ok()) return false;
    auto it = read_.find(current_block_);
    current_ = std::move(it->second);
    read_.erase(it);
    ++current_block_;
  }
  current_index_ = 0;
  room_.notify_all();
  return true;
}

bool SpillPrefetcher::Next(CompactShingles* set) {
  if (current_index_ == current_.size() && !TakeBlock()) return false;
  *set = std::move(current_[current_index_++]);
  return true;
}

void SpillPrefetcher::Recycle(CompactShingles&& set) {
  std::lock_guard lock(mutex_);
  if (spare_.size() < kMaxSpare) spare_.push_back(std::move(set));
}

Status SpillPrefetcher::status() {
  std::lock_guard lock(mutex_);
  return status_;
}

}  // namespace reprint::pipeline
