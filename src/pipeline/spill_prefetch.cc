#include "pipeline/spill_prefetch.h"

namespace reprint::pipeline {

SpillPrefetcher::SpillPrefetcher(ShingleSpill* spill, const std::vector<uint32_t>& docs, bool background)
    : spill_(spill), docs_(docs) {
  if (background) reader_ = std::thread([this] { ReadAll(); });
}

SpillPrefetcher::~SpillPrefetcher() {
  if (!reader_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  room_.notify_all();
  reader_.join();
}

void SpillPrefetcher::ReadAll() {
  Status status;
  for (size_t first = 0; first < docs_.size() && status.ok(); first += kBlockSets) {
    Block block(std::min(kBlockSets, docs_.size() - first));
    TakeSpares(&block);
    for (size_t i = 0; i < block.size() && status.ok(); ++i) status = spill_->Read(docs_[first + i], &block[i]);
    if (!status.ok()) break;
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return stop_ || blocks_.size() < kMaxBlocks; });
    if (stop_) return;
    blocks_.push_back(std::move(block));
    ready_.notify_one();
  }
  std::lock_guard lock(mutex_);
  status_ = status;
  finished_ = true;
  ready_.notify_one();
}

void SpillPrefetcher::TakeSpares(Block* block) {
  std::lock_guard lock(mutex_);
  for (size_t i = 0; i < block->size() && !spare_.empty(); ++i) {
    (*block)[i] = std::move(spare_.back());
    spare_.pop_back();
  }
}

void SpillPrefetcher::Recycle(CompactShingles&& set) {
  std::lock_guard lock(mutex_);
  if (spare_.size() < kMaxSpare) spare_.push_back(std::move(set));
}

bool SpillPrefetcher::Next(CompactShingles* set) {
  if (!reader_.joinable()) {
    if (next_inline_ >= docs_.size() || !status_.ok()) return false;
    if (!spare_.empty()) {
      *set = std::move(spare_.back());
      spare_.pop_back();
    }
    status_ = spill_->Read(docs_[next_inline_++], set);
    return status_.ok();
  }
  if (current_index_ == current_.size()) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return finished_ || !blocks_.empty(); });
    if (blocks_.empty()) return false;
    current_ = std::move(blocks_.front());
    blocks_.pop_front();
    current_index_ = 0;
    room_.notify_one();
  }
  *set = std::move(current_[current_index_++]);
  return true;
}

Status SpillPrefetcher::status() {
  std::lock_guard lock(mutex_);
  return status_;
}

}  // namespace reprint::pipeline
