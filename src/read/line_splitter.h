// LineSplitter cuts a ByteSource into lines without copying them: each line
// is a view into one reusable buffer (1 MiB to start), found with memchr.
//
// Invariants:
//  - A returned line excludes its '\n' (and a '\r' just before it); the last
//    line of a stream need not end in '\n'.
//  - At least kLinePadding readable bytes follow every returned line inside
//    the buffer, so simdjson can parse it in place.
//  - The buffer grows only as far as the longest line up to `max_line_bytes`
//    (+1); a longer line is streamed past, counted and reported as kTooLong,
//    never held in memory.
//  - Line numbers are 1-based and count every line, including blank, too
//    long and partial ones.
//
// Thread safety: none; one splitter per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "read/byte_source.h"
#include "reprint/status.h"

namespace reprint::read {

inline constexpr size_t kLinePadding = 64;  // >= SIMDJSON_PADDING

class LineSplitter {
 public:
  enum class Kind {
    kLine,     // data/size hold the line
    kTooLong,  // the line had `size` bytes (counting a trailing '\r'), more than max_line_bytes; skipped
    kEnd,      // no more lines
    kError,    // the source failed (see error()); complete lines before it were returned
  };
  struct Line {
    Kind kind = Kind::kEnd;
    const char* data = nullptr;
    uint64_t size = 0;
    uint64_t number = 0;  // 1-based line number
  };

  // `source` must outlive the splitter. REQUIRES: max_line_bytes > 0.
  LineSplitter(ByteSource* source, uint64_t max_line_bytes, size_t chunk_bytes = size_t{1} << 20);

  // Returns the next line, kTooLong, kEnd (repeatedly), or kError (once, then kEnd).
  Line Next();
  const Status& error() const { return error_; }

 private:
  bool Fill();  // reads more bytes after end_; false at end of stream or error
  Line SkipLongLine(uint64_t already);
  void Grow(size_t new_capacity);

  ByteSource* source_;
  uint64_t max_line_bytes_;
  size_t chunk_bytes_;
  std::unique_ptr<char[]> buf_;
  size_t capacity_ = 0;  // usable bytes; kLinePadding more are allocated
  size_t begin_ = 0;     // start of the current (unfinished) line
  size_t scan_ = 0;      // bytes before scan_ (from begin_) hold no '\n'
  size_t end_ = 0;       // end of valid data
  uint64_t line_number_ = 0;
  bool eof_ = false;
  bool failed_ = false;
  bool error_reported_ = false;
  Status error_;
};

}  // namespace reprint::read
