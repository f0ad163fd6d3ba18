#include "story/term_ids.h"

#include "util/hash_mix.h"

namespace reprint::story {

uint32_t TermIds::Find(uint64_t hash, bool* inserted) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  // Term hashes are XXH3 values, but pair hashes (names) are combined by a
  // multiply: mixing again keeps the low bits used here well spread.
  size_t i = Mix64(hash) & mask;
  while (slots_[i].id_plus_one != 0) {
    if (slots_[i].hash == hash) {
      *inserted = false;
      return slots_[i].id_plus_one - 1;
    }
    i = (i + 1) & mask;
  }
  slots_[i] = {hash, ++size_};
  *inserted = true;
  return size_ - 1;
}

void TermIds::Grow() {
  std::vector<Slot> old(2 * slots_.size());
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.id_plus_one == 0) continue;
    size_t i = Mix64(s.hash) & mask;
    while (slots_[i].id_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace reprint::story
