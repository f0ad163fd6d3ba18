// Locality-sensitive hashing over Fingerprint sketches.
//
// OptimalLshParams() picks bands x rows for a Jaccard threshold by minimising
// the weighted false-positive + false-negative probability integrated over
// [0, t] and [t, 1] (the method of datasketch's optimal_param).
//
// LshIndex is the incremental form used by queries and the service: documents
// are inserted one at a time and queried without quadratic blow-up (buckets
// larger than max_bucket stop growing and are reported).
// Thread safety: LshIndex is not thread-safe; guard it externally.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace reprint {

struct LshParams {
  int bands = 0;
  int rows = 0;
};

// REQUIRES: 0 < threshold < 1, num_perm >= 1, weights >= 0 and not both zero.
LshParams OptimalLshParams(double threshold, int num_perm, double false_positive_weight = 0.5,
                           double false_negative_weight = 0.5);

// Probability that two documents of Jaccard similarity s share a bucket.
double LshCollisionProbability(double s, LshParams params);

// One 64-bit key per band (the band index is mixed in).
void LshBandKeys(const std::vector<uint32_t>& sketch, LshParams params, std::vector<uint64_t>* keys);

class LshIndex {
 public:
  LshIndex(LshParams params, size_t max_bucket = 1000) : params_(params), max_bucket_(max_bucket) {}

  void Insert(uint32_t doc, const std::vector<uint32_t>& sketch);
  // Appends the documents sharing at least one band with `sketch`
  // (deduplicated, sorted) to *out.
  void Query(const std::vector<uint32_t>& sketch, std::vector<uint32_t>* out) const;
  size_t capped_buckets() const { return capped_buckets_; }

 private:
  LshParams params_;
  size_t max_bucket_;
  size_t capped_buckets_ = 0;
  struct Bucket {
    std::vector<uint32_t> docs;
    bool capped = false;
  };
  std::unordered_map<uint64_t, Bucket> buckets_;
};

}  // namespace reprint
