#include "read/line_splitter.h"

#include <algorithm>
#include <cstring>

namespace reprint::read {

LineSplitter::LineSplitter(ByteSource* source, uint64_t max_line_bytes, size_t chunk_bytes)
    : source_(source), max_line_bytes_(max_line_bytes), chunk_bytes_(std::max<size_t>(chunk_bytes, 64)) {
  // Never allocate more than the longest acceptable line needs.
  Grow(static_cast<size_t>(std::min<uint64_t>(chunk_bytes_, max_line_bytes_ + 1)));
}

void LineSplitter::Grow(size_t new_capacity) {
  // Value-initialised so the padding after a line never holds indeterminate bytes.
  std::unique_ptr<char[]> bigger(new char[new_capacity + kLinePadding]());
  if (end_ > begin_) std::memcpy(bigger.get(), buf_.get() + begin_, end_ - begin_);
  end_ -= begin_;
  scan_ -= begin_;
  begin_ = 0;
  buf_ = std::move(bigger);
  capacity_ = new_capacity;
}

bool LineSplitter::Fill() {
  if (eof_ || failed_) return false;
  if (begin_ > 0) {  // move the unfinished line to the front
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scan_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {
    const uint64_t limit = max_line_bytes_ + 1;
    Grow(static_cast<size_t>(std::min<uint64_t>(uint64_t{capacity_} * 2, limit)));
  }
  Result<size_t> r = source_->Read(buf_.get() + end_, capacity_ - end_);
  if (!r.ok()) {
    failed_ = true;
    error_ = r.status();
    return false;
  }
  if (r.value() == 0) {
    eof_ = true;
    return false;
  }
  end_ += r.value();
  return true;
}

LineSplitter::Line LineSplitter::Next() {
  for (;;) {
    const char* base = buf_.get();
    if (const void* nl = std::memchr(base + scan_, '\n', end_ - scan_)) {
      const size_t stop = static_cast<size_t>(static_cast<const char*>(nl) - base);
      Line line{Kind::kLine, base + begin_, stop - begin_, ++line_number_};
      begin_ = scan_ = stop + 1;
      if (line.size > max_line_bytes_) {  // the limit counts a trailing '\r', as SkipLongLine does
        line.kind = Kind::kTooLong;
        line.data = nullptr;
      } else if (line.size > 0 && line.data[line.size - 1] == '\r') {
        --line.size;
      }
      return line;
    }
    scan_ = end_;
    if (end_ - begin_ > max_line_bytes_) {
      const uint64_t already = end_ - begin_;
      begin_ = scan_ = end_ = 0;
      return SkipLongLine(already);
    }
    if (!Fill()) {
      if (failed_) {
        if (error_reported_) return Line{Kind::kEnd, nullptr, 0, line_number_};
        error_reported_ = true;
        begin_ = scan_ = end_;  // drop the partial line
        return Line{Kind::kError, nullptr, 0, line_number_ + 1};
      }
      if (end_ > begin_) {  // last line without '\n'
        Line line{Kind::kLine, buf_.get() + begin_, end_ - begin_, ++line_number_};
        begin_ = scan_ = end_;
        if (line.data[line.size - 1] == '\r') --line.size;
        return line;
      }
      return Line{Kind::kEnd, nullptr, 0, line_number_};
    }
  }
}

LineSplitter::Line LineSplitter::SkipLongLine(uint64_t already) {
  uint64_t skipped = already;
  for (;;) {
    if (!Fill()) {  // the long line runs to the end of the stream (or an error)
      if (failed_) {
        error_reported_ = true;
        return Line{Kind::kError, nullptr, 0, line_number_ + 1};
      }
      return Line{Kind::kTooLong, nullptr, skipped, ++line_number_};
    }
    const char* base = buf_.get();
    if (const void* nl = std::memchr(base, '\n', end_)) {
      const size_t stop = static_cast<size_t>(static_cast<const char*>(nl) - base);
      skipped += stop;
      begin_ = scan_ = stop + 1;
      return Line{Kind::kTooLong, nullptr, skipped, ++line_number_};
    }
    skipped += end_;
    begin_ = scan_ = end_ = 0;
  }
}

}  // namespace reprint::read
