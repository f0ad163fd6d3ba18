#include <algorithm>

#include "reprint/lsh.h"
#include "util/hash_mix.h"

namespace reprint {

void LshBandKeys(const std::vector<uint32_t>& sketch, LshParams params, std::vector<uint64_t>* keys) {
  keys->clear();
  if (sketch.empty()) return;
  for (int band = 0; band < params.bands; ++band) {
    uint64_t h = static_cast<uint64_t>(band) + 1;
    const size_t first = static_cast<size_t>(band) * static_cast<size_t>(params.rows);
    for (int row = 0; row < params.rows; ++row) h = HashCombine(h, sketch[first + static_cast<size_t>(row)]);
    keys->push_back(Mix64(h));
  }
}

void LshIndex::Insert(uint32_t doc, const std::vector<uint32_t>& sketch) {
  std::vector<uint64_t> keys;
  LshBandKeys(sketch, params_, &keys);
  for (uint64_t key : keys) {
    Bucket& bucket = buckets_[key];
    if (bucket.docs.size() < max_bucket_) {
      bucket.docs.push_back(doc);
    } else if (!bucket.capped) {
      bucket.capped = true;
      ++capped_buckets_;
    }
  }
}

void LshIndex::Query(const std::vector<uint32_t>& sketch, std::vector<uint32_t>* out) const {
  std::vector<uint64_t> keys;
  LshBandKeys(sketch, params_, &keys);
  const size_t first = out->size();
  for (uint64_t key : keys) {
    auto it = buckets_.find(key);
    if (it == buckets_.end()) continue;
    out->insert(out->end(), it->second.docs.begin(), it->second.docs.end());
  }
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end());
  out->erase(std::unique(out->begin() + static_cast<std::ptrdiff_t>(first), out->end()), out->end());
}

}  // namespace reprint
