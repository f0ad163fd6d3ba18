// TermIds: dense ids for term hashes, in order of first appearance.
//
// Written by hand because the standard library has no flat hash map and the
// corpus vocabulary reaches millions of terms: std::unordered_map allocates a
// node per term and chases a pointer per lookup, and it hashes keys that are
// already 64-bit hashes. This is linear probing over one array.
//
// Thread safety: none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace reprint::story {

class TermIds {
 public:
  // The id of `hash`, a new one (== size() before the call) if unseen.
  // *inserted tells which.
  uint32_t Find(uint64_t hash, bool* inserted);

  uint32_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t id_plus_one = 0;  // 0: empty
  };
  void Grow();

  std::vector<Slot> slots_ = std::vector<Slot>(1024);
  uint32_t size_ = 0;
};

}  // namespace reprint::story
