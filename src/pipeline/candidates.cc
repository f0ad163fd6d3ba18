#include "pipeline/candidates.h"

#include <algorithm>
#include <iterator>

#include "index/bucket_join.h"

namespace reprint::pipeline {
namespace {

std::vector<uint64_t> BandCandidates(std::vector<uint64_t>* entries, const DedupOptions& options, unsigned threads,
                                     DedupStats* stats) {
  std::vector<uint64_t> pairs;
  index::JoinStats join;
  index::JoinBuckets(entries, options.max_bucket, threads, &pairs, &join);
  std::vector<uint64_t>().swap(*entries);
  index::CountPairs(&pairs, threads, nullptr);
  stats->capped_buckets += join.capped_buckets;
  return pairs;
}

// Keeps the pairs sharing enough anchors: at least min_shared_anchors (or all
// of the smaller document's, when it has fewer) and at least
// min_anchor_fraction of the smaller document's anchors.
std::vector<uint64_t> AnchorCandidates(CandidateKeys* keys, const DedupOptions& options, unsigned threads,
                                       DedupStats* stats) {
  std::vector<uint64_t> pairs;
  index::JoinStats join;
  index::JoinBuckets(&keys->anchor_entries, options.max_bucket, threads, &pairs, &join);
  std::vector<uint64_t>().swap(keys->anchor_entries);
  stats->capped_buckets += join.capped_buckets;
  std::vector<uint32_t> shared;
  index::CountPairs(&pairs, threads, &shared);
  size_t kept = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const uint32_t smaller = std::min(keys->anchor_counts[index::PairFirst(pairs[i])],
                                      keys->anchor_counts[index::PairSecond(pairs[i])]);
    if (smaller == 0) continue;
    const uint32_t needed = std::min<uint32_t>(static_cast<uint32_t>(options.min_shared_anchors), smaller);
    if (shared[i] >= needed && shared[i] >= options.min_anchor_fraction * smaller) pairs[kept++] = pairs[i];
  }
  pairs.resize(kept);
  return pairs;
}

}  // namespace

std::vector<uint64_t> GenerateCandidates(CandidateKeys* keys, const DedupOptions& options, unsigned threads,
                                         DedupStats* stats) {
  std::vector<uint64_t> by_band = BandCandidates(&keys->band_entries, options, threads, stats);
  std::vector<uint64_t> by_anchor = AnchorCandidates(keys, options, threads, stats);
  std::vector<uint64_t> all;
  all.reserve(by_band.size() + by_anchor.size());
  std::set_union(by_band.begin(), by_band.end(), by_anchor.begin(), by_anchor.end(), std::back_inserter(all));
  stats->candidate_pairs = all.size();
  return all;
}

}  // namespace reprint::pipeline
