#include "pipeline/candidates.h"

#include <algorithm>
#include <iterator>
#include <thread>

namespace reprint::pipeline {
namespace {

std::vector<uint64_t> Union(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::vector<uint64_t> out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// Anchors must be shared by at least min_shared_anchors (or all of the
// smaller document's, when it has fewer) and by at least min_anchor_fraction
// of the smaller document's anchors.
index::AcceptPair AnchorRule(const DedupOptions& options) {
  return [&options](uint32_t, uint32_t, uint32_t shared, uint32_t keys_a, uint32_t keys_b) {
    const size_t smaller = std::min(keys_a, keys_b);
    const size_t needed = std::min<size_t>(static_cast<size_t>(options.min_shared_anchors), smaller);
    return smaller > 0 && shared >= needed && shared >= options.min_anchor_fraction * static_cast<double>(smaller);
  };
}

// Two of the opening shingles (or all, for shorter texts), and only when one
// of the documents is too short to carry the anchors that would otherwise
// find the pair: many unrelated articles open alike ("LONDON (Reuters) -").
index::AcceptPair LeadRule(const index::DocumentKeys& anchors, const DedupOptions& options) {
  return [&anchors, &options](uint32_t a, uint32_t b, uint32_t shared, uint32_t leads_a, uint32_t leads_b) {
    const size_t fewest_anchors = std::min(anchors.KeyCount(a), anchors.KeyCount(b));
    if (fewest_anchors >= 2 * static_cast<size_t>(options.min_shared_anchors)) return false;
    const size_t smaller = std::min(leads_a, leads_b);
    return shared >= std::min<size_t>(2, smaller);
  };
}

}  // namespace

std::vector<uint64_t> GenerateCandidates(CandidateKeys* keys, const DedupOptions& options, unsigned threads,
                                         DedupStats* stats) {
  const auto any_shared = [](uint32_t, uint32_t, uint32_t, uint32_t, uint32_t) { return true; };
  const auto min_anchors = static_cast<uint32_t>(options.min_shared_anchors);
  // The band and lead joins run beside the anchor join: each join starts
  // with a serial part (sorting and locating its postings), which would
  // otherwise leave the other cores idle.
  index::JoinStats band_join, lead_join, anchor_join;
  std::vector<uint64_t> bands_and_leads;
  const auto band_and_lead_joins = [&] {
    const index::JoinLimits band_limits{1, SIZE_MAX, options.max_bucket};
    bands_and_leads = index::SharedKeyPairs(keys->bands, band_limits, threads, any_shared, &band_join);
    keys->bands.Clear();
    const index::JoinLimits lead_limits{2, options.common_posting, options.max_bucket};
    bands_and_leads = Union(bands_and_leads, index::SharedKeyPairs(keys->leads, lead_limits, threads,
                                                                   LeadRule(keys->anchors, options), &lead_join));
    keys->leads.Clear();
  };
  std::thread beside;
  if (threads > 1) {
    beside = std::thread(band_and_lead_joins);
  } else {
    band_and_lead_joins();
  }
  const index::JoinLimits anchor_limits{min_anchors, options.common_posting, options.max_bucket};
  const std::vector<uint64_t> anchors =
      index::SharedKeyPairs(keys->anchors, anchor_limits, threads, AnchorRule(options), &anchor_join);
  if (beside.joinable()) beside.join();
  keys->anchors.Clear();
  std::vector<uint64_t> all = Union(bands_and_leads, anchors);
  stats->capped_buckets += band_join.capped_postings + lead_join.capped_postings + anchor_join.capped_postings;
  stats->candidate_pairs = all.size();
  return all;
}

}  // namespace reprint::pipeline
