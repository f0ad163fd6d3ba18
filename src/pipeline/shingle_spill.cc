#include "pipeline/shingle_spill.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace reprint::pipeline {

Result<std::unique_ptr<ShingleSpill>> ShingleSpill::Create(const std::string& dir) {
  std::error_code ec;
  const std::string base = dir.empty() ? std::filesystem::temp_directory_path(ec).string() : dir;
  std::string path = base + "/reprint-shingles-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) return Status::IoError("cannot create a temporary file in " + base + ": " + std::strerror(errno));
  unlink(path.c_str());
  std::FILE* file = fdopen(fd, "w+b");
  if (file == nullptr) {
    close(fd);
    return Status::IoError("cannot open a temporary file in " + base + ": " + std::strerror(errno));
  }
  std::setvbuf(file, nullptr, _IOFBF, size_t{1} << 20);
  return std::unique_ptr<ShingleSpill>(new ShingleSpill(file, base));
}

ShingleSpill::~ShingleSpill() { std::fclose(file_); }

Status ShingleSpill::Error(const char* what) const {
  return Status::IoError(std::string(what) + " the shingle spill file in " + dir_ + ": " +
                         (errno ? std::strerror(errno) : "unexpected end of file"));
}

Status ShingleSpill::Append(const CompactShingles& set) {
  errno = 0;
  if (reading_ && fseeko(file_, static_cast<off_t>(end_), SEEK_SET) != 0) return Error("cannot seek in");
  reading_ = false;
  const auto count = static_cast<uint32_t>(set.size());
  if (std::fwrite(&count, sizeof count, 1, file_) != 1 ||
      (count > 0 && std::fwrite(set.data(), sizeof(uint32_t), count, file_) != count))
    return Error("cannot write");
  offsets_.push_back(end_);
  end_ += sizeof count + uint64_t{count} * sizeof(uint32_t);
  return Status::Ok();
}

Status ShingleSpill::Read(uint64_t doc, CompactShingles* set) {
  errno = 0;
  if (doc >= offsets_.size()) return Status::InvalidArgument("no document " + std::to_string(doc) + " in the shingle spill");
  if (!reading_ && std::fflush(file_) != 0) return Error("cannot flush");
  if (!reading_ || position_ != offsets_[doc]) {
    if (fseeko(file_, static_cast<off_t>(offsets_[doc]), SEEK_SET) != 0) return Error("cannot seek in");
  }
  reading_ = true;
  uint32_t count = 0;
  if (std::fread(&count, sizeof count, 1, file_) != 1) return Error("cannot read");
  set->resize(count);
  if (count > 0 && std::fread(set->data(), sizeof(uint32_t), count, file_) != count) return Error("cannot read");
  position_ = offsets_[doc] + sizeof count + uint64_t{count} * sizeof(uint32_t);
  return Status::Ok();
}

}  // namespace reprint::pipeline

namespace reprint::pipeline {

Status ShingleSpill::FinishWriting() {
  errno = 0;
  if (!reading_ && std::fflush(file_) != 0) return Error("cannot flush");
  return Status::Ok();
}

Status ShingleSpill::ReadSets(std::span<const uint32_t> docs, CompactShingles* sets, std::string* buffer) const {
  // Documents closer than this are read together, the gap read and dropped.
  constexpr uint64_t kMaxGapBytes = 64 << 10;
  const int fd = fileno(file_);
  errno = 0;
  for (size_t first = 0; first < docs.size();) {
    for (size_t i = first; i < docs.size(); ++i)
      if (docs[i] >= offsets_.size()) return Status::InvalidArgument("no document " + std::to_string(docs[i]) + " in the shingle spill");
    const auto set_end = [this](uint32_t doc) { return doc + 1 < offsets_.size() ? offsets_[doc + 1] : end_; };
    size_t last = first;
    while (last + 1 < docs.size() && offsets_[docs[last + 1]] <= set_end(docs[last]) + kMaxGapBytes) ++last;
    const uint64_t begin = offsets_[docs[first]], end = set_end(docs[last]);
    buffer->resize(end - begin);
    for (uint64_t done = 0; done < end - begin;) {
      const ssize_t got = pread(fd, buffer->data() + done, end - begin - done, static_cast<off_t>(begin + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return Error("cannot read");
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
