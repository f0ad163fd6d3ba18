// FlatMap: an open-addressing hash map from integer keys to small values,
// for the tallies the hot paths keep per document or per query (partners met
// through postings, term ids).
//
// Written by hand because the standard library has no flat hash map and no
// Debian-packaged one is a dependency: std::unordered_map allocates a node
// per key and chases a pointer per lookup, which dominated these paths
// (bench/RESULTS.md). Linear probing over one array; keys are integers
// (document numbers, sequences, hashes), scattered by a multiplicative hash.
// Slots are only freed all together (Clear), so probe chains never break.
//
// Thread safety: none; one per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace reprint {

// kEmpty marks a free slot and can never be a key.
template <typename Key, typename Value, Key kEmpty>
class FlatMap {
 public:
  // `idle_slots` (a power of two): the size Clear() shrinks back to.
  explicit FlatMap(size_t idle_slots = 1024) : idle_slots_(idle_slots) { Resize(idle_slots); }

  // The value of `key`, value-initialised when new. REQUIRES: key != kEmpty.
  Value& operator[](Key key) {
    if (2 * (used_.size() + 1) > slots_.size()) Grow();
    const size_t i = Find(key);
    if (slots_[i].key == kEmpty) {
      slots_[i].key = key;
      used_.push_back(static_cast<uint32_t>(i));
    }
    return slots_[i].value;
  }

  // Calls f(key, value) for each key, in order of insertion.
  template <typename F>
  void ForEach(F&& f) const {
    for (uint32_t i : used_) f(slots_[i].key, slots_[i].value);
  }

  size_t size() const { return used_.size(); }

  void Clear() {
    // After a round with a huge number of keys, shrink back: a table that
    // outgrew the L1/L2 caches would slow every later round.
    if (slots_.size() > idle_slots_ && 8 * used_.size() < slots_.size()) {
      Resize(idle_slots_);
    } else {
      for (uint32_t i : used_) slots_[i] = Slot();
    }
    used_.clear();
  }

 private:
  struct Slot {
    Key key = kEmpty;
    Value value{};
  };

  size_t Find(Key key) const {
    size_t i = static_cast<size_t>((static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ull) >> shift_);
    while (slots_[i].key != kEmpty && slots_[i].key != key) i = (i + 1) & mask_;
    return i;
  }

  void Resize(size_t capacity) {
    slots_.assign(capacity, Slot());
    mask_ = capacity - 1;
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
  }

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    std::vector<uint32_t> order;
    order.swap(used_);
    Resize(old.size() * 2);
    for (uint32_t i : order) {  // keep the insertion order
      const size_t j = Find(old[i].key);
      slots_[j] = old[i];
      used_.push_back(static_cast<uint32_t>(j));
    }
  }

  size_t idle_slots_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  int shift_ = 64;
  std::vector<uint32_t> used_;  // occupied slots, in order of insertion
};

}  // namespace reprint
