// ByteSource: a forward-only stream of bytes (a file, stdin, a memory buffer,
// or a decompressor wrapped around one of those). The read stage pulls every
// input through this one interface so that line splitting and whole-file
// reading do not care where the bytes come from.
//
// Thread safety: none; one source is used by one thread.
// Errors are sticky: after Read() fails once, every later Read() fails with
// the same status, so a caller may stop at the first error or discover it later.
// Bytes decoded before an error are delivered first (a Read() that hits an
// error after producing output returns that output; the next call fails).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "reprint/status.h"

namespace reprint::read {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes into `buf`. Returns the number of bytes read, 0 iff
  // the stream is exhausted, or an error.
  // REQUIRES: n > 0.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  // Bytes consumed from the underlying file so far (compressed bytes for a
  // decompressor); drives progress reporting.
  virtual uint64_t raw_bytes() const = 0;
};

// Opens `path` for reading; "-" is stdin (not closed on destruction).
// Errors carry strerror, e.g. "cannot open: Permission denied".
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);

// A source reading from an already open descriptor, which it does not close.
std::unique_ptr<ByteSource> NewFdSource(int fd);

// A source over a copy of `data` (tests, fuzzing).
std::unique_ptr<ByteSource> NewMemorySource(std::string data);

// Yields `prefix` first, then the bytes of `rest`. Used after sniffing the
// first bytes of a stream that cannot be rewound (stdin, decompressors).
std::unique_ptr<ByteSource> NewPrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest);

// Reads until `n` bytes are read, the stream ends, or an error occurs; returns
// the count read. An error is not returned here: the source is sticky, so the
// next Read() reports it.
size_t ReadUpTo(ByteSource* source, char* buf, size_t n);

}  // namespace reprint::read
