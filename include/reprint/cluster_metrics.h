// Agreement between two clusterings of the same items (a gold standard and a
// prediction): pairwise precision/recall/F1, B-cubed precision/recall/F1 and
// the adjusted Rand index.
//
// A clustering is a label per item; items are 0..n-1 and both clusterings
// must label the same n items (callers give items missing from one side a
// label of their own: a singleton). Labels are arbitrary integers.
#pragma once

#include <cstdint>
#include <vector>

namespace reprint {

struct ClusterAgreement {
  uint64_t items = 0;
  // Pairs of items put together: precision = shared / predicted pairs,
  // recall = shared / gold pairs (1 when the denominator is 0).
  double pair_precision = 1, pair_recall = 1, pair_f1 = 1;
  // Per item, share of its predicted cluster that is in its gold cluster
  // (precision) and vice versa (recall), averaged over items.
  double bcubed_precision = 1, bcubed_recall = 1, bcubed_f1 = 1;
  // Rand index adjusted for chance (Hubert & Arabie): 1 for identical
  // clusterings, about 0 for random ones; 1 when both are trivial alike.
  double ari = 1;
};

// REQUIRES: gold.size() == predicted.size().
ClusterAgreement CompareClusterings(const std::vector<int64_t>& gold, const std::vector<int64_t>& predicted);

}  // namespace reprint
