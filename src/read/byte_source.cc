#include "read/byte_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

namespace reprint::read {
namespace {

std::string Errno(const char* what, int err) { return std::string(what) + ": " + std::strerror(err); }

class FdSource final : public ByteSource {
 public:
  FdSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  Result<size_t> Read(char* buf, size_t n) override {
    if (error_) return *error_;
    for (;;) {
      ssize_t r = ::read(fd_, buf, n);
      if (r >= 0) {
        consumed_ += static_cast<uint64_t>(r);
        return static_cast<size_t>(r);
      }
      if (errno == EINTR) continue;
      error_ = Status::IoError(Errno("read failed", errno));
      return *error_;
    }
  }
  uint64_t raw_bytes() const override { return consumed_; }

 private:
  int fd_;
  bool owned_;
  uint64_t consumed_ = 0;
  std::optional<Status> error_;
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  uint64_t raw_bytes() const override { return pos_; }

 private:
  std::string data_;
  size_t pos_ = 0;
};

class PrefixedSource final : public ByteSource {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return rest_->Read(buf, n);
  }
  uint64_t raw_bytes() const override { return rest_->raw_bytes(); }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  if (path == "-") return NewFdSource(STDIN_FILENO);
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return Status::IoError(Errno("cannot open", errno));
#ifdef POSIX_FADV_SEQUENTIAL
  (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return std::unique_ptr<ByteSource>(new FdSource(fd, /*owned=*/true));
}

std::unique_ptr<ByteSource> NewFdSource(int fd) { return std::make_unique<FdSource>(fd, false); }

std::unique_ptr<ByteSource> NewMemorySource(std::string data) {
  return std::make_unique<MemorySource>(std::move(data));
}

std::unique_ptr<ByteSource> NewPrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest) {
  if (prefix.empty()) return rest;
  return std::make_unique<PrefixedSource>(std::move(prefix), std::move(rest));
}

size_t ReadUpTo(ByteSource* source, char* buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    Result<size_t> r = source->Read(buf + got, n - got);
    if (!r.ok() || r.value() == 0) break;
    got += r.value();
  }
  return got;
}

}  // namespace reprint::read
