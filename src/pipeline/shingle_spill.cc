#include "pipeline/shingle_spill.h"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace reprint::pipeline {
namespace {

constexpr size_t kChunkBytes = size_t{1} << 20;
constexpr size_t kMaxQueuedChunks = 8;

}  // namespace

Result<std::unique_ptr<ShingleSpill>> ShingleSpill::Create(const std::string& dir, bool background_writes) {
  std::error_code ec;
  const std::string base = dir.empty() ? std::filesystem::temp_directory_path(ec).string() : dir;
  std::string path = base + "/reprint-shingles-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) return Status::IoError("cannot create a temporary file in " + base + ": " + std::strerror(errno));
  unlink(path.c_str());
  return std::unique_ptr<ShingleSpill>(new ShingleSpill(fd, base, background_writes));
}

ShingleSpill::ShingleSpill(int fd, std::string dir, bool background_writes) : fd_(fd), dir_(std::move(dir)) {
  if (background_writes) writer_ = std::thread([this] { WriteInBackground(); });
}

ShingleSpill::~ShingleSpill() {
  if (writer_.joinable()) {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    queued_.notify_all();
    writer_.join();
  }
  close(fd_);
}

Status ShingleSpill::Error(const char* what, int error) const {
  return Status::IoError(std::string(what) + " the shingle spill file in " + dir_ + ": " +
                         (error ? std::strerror(error) : "unexpected end of file"));
}

Status ShingleSpill::WriteChunk(const Chunk& chunk) const {
  for (size_t done = 0; done < chunk.bytes.size();) {
    const ssize_t wrote = pwrite(fd_, chunk.bytes.data() + done, chunk.bytes.size() - done,
                                 static_cast<off_t>(chunk.offset + done));
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return Error("cannot write", wrote < 0 ? errno : ENOSPC);
    done += static_cast<size_t>(wrote);
  }
  return Status::Ok();
}

void ShingleSpill::WriteInBackground() {
  std::unique_lock lock(mutex_);
  for (;;) {
    queued_.wait(lock, [this] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) return;
    Chunk chunk = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    lock.unlock();
    Status status = WriteChunk(chunk);
    lock.lock();
    writing_ = false;
    if (!status.ok() && write_status_.ok()) write_status_ = status;
    written_.notify_all();
  }
}

// Writes the current chunk now, or queues it for the writer thread.
Status ShingleSpill::ShipChunk() {
  if (chunk_.bytes.empty()) return Status::Ok();
  Chunk full{chunk_.offset, std::move(chunk_.bytes)};
  chunk_ = Chunk{end_, std::string()};
  chunk_.bytes.reserve(kChunkBytes + kChunkBytes / 4);
  if (!writer_.joinable()) return WriteChunk(full);
  std::unique_lock lock(mutex_);
  written_.wait(lock, [this] { return queue_.size() < kMaxQueuedChunks; });
  queue_.push_back(std::move(full));
  queued_.notify_one();
  return write_status_;
}

Status ShingleSpill::Append(const CompactShingles& set) {
  const auto count = static_cast<uint32_t>(set.size());
  offsets_.push_back(end_);
  chunk_.bytes.append(reinterpret_cast<const char*>(&count), sizeof count);
  chunk_.bytes.append(reinterpret_cast<const char*>(set.data()), set.size() * sizeof(uint32_t));
  end_ += sizeof count + uint64_t{count} * sizeof(uint32_t);
  return chunk_.bytes.size() >= kChunkBytes ? ShipChunk() : Status::Ok();
}

Status ShingleSpill::FinishWriting() {
  if (Status s = ShipChunk(); !s.ok()) return s;
  if (!writer_.joinable()) return Status::Ok();
  std::unique_lock lock(mutex_);
  written_.wait(lock, [this] { return queue_.empty() && !writing_; });
  return write_status_;
}

Status ShingleSpill::Read(uint64_t doc, CompactShingles* set) {
  if (Status s = FinishWriting(); !s.ok()) return s;
  const auto one = static_cast<uint32_t>(doc);
  if (doc >= offsets_.size() || one != doc)
    return Status::InvalidArgument("no document " + std::to_string(doc) + " in the shingle spill");
  std::string buffer;
  return ReadSets({&one, 1}, set, &buffer);
}

Status ShingleSpill::ReadSets(std::span<const uint32_t> docs, CompactShingles* sets, std::string* buffer) const {
  // Documents closer than this are read together, the gap read and dropped.
  constexpr uint64_t kMaxGapBytes = 64 << 10;
  for (uint32_t doc : docs)
    if (doc >= offsets_.size()) return Status::InvalidArgument("no document " + std::to_string(doc) + " in the shingle spill");
  const auto set_end = [this](uint32_t doc) { return doc + 1 < offsets_.size() ? offsets_[doc + 1] : end_; };
  for (size_t first = 0; first < docs.size();) {
    size_t last = first;
    while (last + 1 < docs.size() && offsets_[docs[last + 1]] <= set_end(docs[last]) + kMaxGapBytes) ++last;
    const uint64_t begin = offsets_[docs[first]], end = set_end(docs[last]);
    buffer->resize(end - begin);
    for (uint64_t done = 0; done < end - begin;) {
      const ssize_t got = pread(fd_, buffer->data() + done, end - begin - done, static_cast<off_t>(begin + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return Error("cannot read", got < 0 ? errno : 0);
      done += static_cast<uint64_t>(got);
    }
    for (size_t i = first; i <= last; ++i) {
      const char* record = buffer->data() + (offsets_[docs[i]] - begin);
      uint32_t count = 0;
      std::memcpy(&count, record, sizeof count);
      if (offsets_[docs[i]] + sizeof count + uint64_t{count} * sizeof(uint32_t) != set_end(docs[i]))
        return Status::Corruption("shingle spill record of document " + std::to_string(docs[i]));
      sets[i - first].resize(count);
      if (count > 0) std::memcpy(sets[i - first].data(), record + sizeof count, count * sizeof(uint32_t));
    }
    sets += last + 1 - first;
    first = last + 1;
  }
  return Status::Ok();
}

}  // namespace reprint::pipeline
