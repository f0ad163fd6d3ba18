// Byte encodings of the store's keys and records. Written by hand because
// they are a few lines each and must stay byte-stable across versions:
// big-endian fixed-width integers in keys (so RocksDB's byte order is numeric
// order) and LEB128 varints in values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reprint::store {

inline void PutBigEndian64(std::string* out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}
inline void PutBigEndian32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}
inline uint64_t ReadBigEndian64(std::string_view in) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8 && i < in.size(); ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}
inline uint32_t ReadBigEndian32(std::string_view in) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4 && i < in.size(); ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

inline void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

inline void PutBytes(std::string* out, std::string_view bytes) {
  PutVarint(out, bytes.size());
  out->append(bytes);
}

// Reads values in the order they were put; any read past the end or a
// malformed varint sets failed() instead of reading out of bounds.
class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) break;
      const auto byte = static_cast<uint8_t>(in_[pos_++]);
      v |= uint64_t{byte & 0x7fu} << shift;
      if (byte < 0x80) return v;
    }
    failed_ = true;
    return 0;
  }
  std::string_view Bytes() {
    const uint64_t n = Varint();
    if (failed_ || n > in_.size() - pos_) {
      failed_ = true;
      return {};
    }
    std::string_view out = in_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  bool failed() const { return failed_; }
  bool done() const { return pos_ == in_.size(); }
  // The bytes not read yet.
  std::string_view rest() const { return in_.substr(pos_); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  bool failed_ = false;
};

// Sorted integer lists as deltas: shingle sets and key lists shrink to one
// or two bytes an entry.
template <typename Int>
void PutSortedList(std::string* out, const std::vector<Int>& sorted) {
  PutVarint(out, sorted.size());
  uint64_t previous = 0;
  for (Int v : sorted) {
    PutVarint(out, static_cast<uint64_t>(v) - previous);
    previous = static_cast<uint64_t>(v);
  }
}

template <typename Int>
bool GetSortedList(Decoder* in, std::vector<Int>* out) {
  const uint64_t n = in->Varint();
  out->clear();
  if (in->failed() || n > (uint64_t{1} << 32)) return false;
  uint64_t value = 0;
  for (uint64_t i = 0; i < n && !in->failed(); ++i) {
    value += in->Varint();
    out->push_back(static_cast<Int>(value));
  }
  return !in->failed();
}

}  // namespace reprint::store
