// TermIds: dense ids for term hashes, in order of first appearance, over a
// FlatMap (util/flat_map.h): the corpus vocabulary reaches millions of terms,
// where std::unordered_map's node per term and pointer chase per lookup cost.
//
// Thread safety: none.
#pragma once

#include <cstddef>
#include <cstdint>

#include "util/flat_map.h"

namespace reprint::story {

class TermIds {
 public:
  // The id of `hash`, a new one (== size() before the call) if unseen.
  // *inserted tells which.
  uint32_t Find(uint64_t hash, bool* inserted);

  uint32_t size() const { return static_cast<uint32_t>(ids_.size()); }

 private:
  // Values are id + 1, so that a new key's 0 says "unseen".
  FlatMap<uint64_t, uint32_t, UINT64_MAX> ids_;
};

}  // namespace reprint::story
