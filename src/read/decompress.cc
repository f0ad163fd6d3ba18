#include "read/decompress.h"

#include <zlib.h>
#include <zstd.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reprint::read {
namespace {

constexpr size_t kInputBufferBytes = size_t{256} << 10;

// Pulls compressed input from the wrapped source, keeping the first error.
class InputBuffer {
 public:
  explicit InputBuffer(std::unique_ptr<ByteSource> source)
      : source_(std::move(source)), buf_(kInputBufferBytes) {}
  // Refills when empty. Returns false on a read error (stored in error()).
  bool Refill() {
    Result<size_t> r = source_->Read(buf_.data(), buf_.size());
    if (!r.ok()) {
      error_ = r.status();
      return false;
    }
    size_ = r.value();
    eof_ = size_ == 0;
    return true;
  }
  char* data() { return buf_.data(); }
  size_t size() const { return size_; }
  bool eof() const { return eof_; }
  const Status& error() const { return error_; }
  uint64_t raw_bytes() const { return source_->raw_bytes(); }

 private:
  std::unique_ptr<ByteSource> source_;
  std::vector<char> buf_;
  size_t size_ = 0;
  bool eof_ = false;
  Status error_;
};

class GzipSource final : public ByteSource {
 public:
  explicit GzipSource(std::unique_ptr<ByteSource> in) : in_(std::move(in)) {
    // 16 + MAX_WBITS: gzip wrapper only.
    initialised_ = inflateInit2(&z_, 16 + MAX_WBITS) == Z_OK;
    if (!initialised_) error_ = Status::IoError("zlib initialisation failed");
  }
  ~GzipSource() override {
    if (initialised_) inflateEnd(&z_);
  }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  Result<size_t> Read(char* buf, size_t n) override {
    if (error_) return *error_;
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    const uInt want = z_.avail_out;
    while (z_.avail_out > 0) {
      if (z_.avail_in == 0) {
        if (!in_.Refill()) return Fail(in_.error(), want - z_.avail_out);
        z_.next_in = reinterpret_cast<Bytef*>(in_.data());
        z_.avail_in = static_cast<uInt>(in_.size());
        if (in_.eof()) {
          if (member_done_ || !started_) break;  // clean end
          return Fail(Status::MalformedInput("truncated gzip data (unexpected end of file)"),
                      want - z_.avail_out);
        }
      }
      if (member_done_) {  // another member follows
        inflateReset(&z_);
        member_done_ = false;
      }
      started_ = true;
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_done_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Fail(Status::MalformedInput(std::string("corrupt gzip data: ") +
                                           (z_.msg != nullptr ? z_.msg : "inflate failed")),
                    want - z_.avail_out);
      }
    }
    return static_cast<size_t>(want - z_.avail_out);
  }
  uint64_t raw_bytes() const override { return in_.raw_bytes(); }

 private:
  // Records the error; bytes already produced by this Read() are returned
  // first, the error on the next call.
  Result<size_t> Fail(Status s, size_t produced) {
    error_ = std::move(s);
    if (produced > 0) return produced;
    return *error_;
  }
  InputBuffer in_;
  z_stream z_{};
  bool initialised_ = false;
  bool started_ = false;
  bool member_done_ = false;
  std::optional<Status> error_;
};

class ZstdSource final : public ByteSource {
 public:
  explicit ZstdSource(std::unique_ptr<ByteSource> in) : in_(std::move(in)), dctx_(ZSTD_createDCtx()) {
    if (dctx_ == nullptr) error_ = Status::IoError("zstd initialisation failed");
  }
  ~ZstdSource() override { ZSTD_freeDCtx(dctx_); }
  ZstdSource(const ZstdSource&) = delete;
  ZstdSource& operator=(const ZstdSource&) = delete;

  Result<size_t> Read(char* buf, size_t n) override {
    if (error_) return *error_;
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos < out.size) {
      if (input_.pos == input_.size && !in_.eof()) {
        if (!in_.Refill()) return Fail(in_.error(), out.pos);
        input_ = ZSTD_inBuffer{in_.data(), in_.size(), 0};
      }
      const size_t out_before = out.pos, in_before = input_.pos;
      size_t rc = ZSTD_decompressStream(dctx_, &out, &input_);
      if (ZSTD_isError(rc)) {
        return Fail(Status::MalformedInput(std::string("corrupt zstd data: ") + ZSTD_getErrorName(rc)),
                    out.pos);
      }
      const bool progress = out.pos != out_before || input_.pos != in_before;
      if (progress) last_hint_ = rc;  // 0 iff a frame ended and all its output is flushed
      if (!progress && input_.pos == input_.size && in_.eof()) {
        if (last_hint_ != 0) {
          return Fail(Status::MalformedInput("truncated zstd data (unexpected end of file)"), out.pos);
        }
        break;
      }
    }
    return out.pos;
  }
  uint64_t raw_bytes() const override { return in_.raw_bytes(); }

 private:
  Result<size_t> Fail(Status s, size_t produced) {
    error_ = std::move(s);
    if (produced > 0) return produced;
    return *error_;
  }
  InputBuffer in_;
  ZSTD_DCtx* dctx_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  size_t last_hint_ = 0;
  std::optional<Status> error_;
};

}  // namespace

Compression SniffCompression(const char* data, size_t size) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  if (size >= 2 && p[0] == 0x1f && p[1] == 0x8b) return Compression::kGzip;
  if (size >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) return Compression::kZstd;
  return Compression::kNone;
}

std::unique_ptr<ByteSource> NewDecompressingSource(Compression kind,
                                                   std::unique_ptr<ByteSource> compressed) {
  switch (kind) {
    case Compression::kGzip: return std::make_unique<GzipSource>(std::move(compressed));
    case Compression::kZstd: return std::make_unique<ZstdSource>(std::move(compressed));
    case Compression::kNone: break;
  }
  return compressed;
}

const char* CompressionName(Compression kind) {
  switch (kind) {
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    case Compression::kNone: break;
  }
  return "none";
}

}  // namespace reprint::read
