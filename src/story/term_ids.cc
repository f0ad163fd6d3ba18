#include "story/term_ids.h"

namespace reprint::story {

uint32_t TermIds::Find(uint64_t hash, bool* inserted) {
  // UINT64_MAX marks free slots: that one hash shares UINT64_MAX - 1's id, a
  // collision as likely as any other between two 64-bit term hashes.
  uint32_t& id_plus_one = ids_[hash == UINT64_MAX ? UINT64_MAX - 1 : hash];
  *inserted = id_plus_one == 0;
  if (*inserted) id_plus_one = static_cast<uint32_t>(ids_.size());
  return id_plus_one - 1;
}

}  // namespace reprint::story
