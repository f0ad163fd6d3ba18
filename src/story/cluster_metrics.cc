#include "reprint/cluster_metrics.h"

#include <cassert>
#include <cstddef>
#include <map>
#include <unordered_map>
#include <utility>

namespace reprint {
namespace {

double Pairs(double n) { return n * (n - 1) / 2; }

double Ratio(double num, double den) { return den > 0 ? num / den : 1.0; }

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

}  // namespace

ClusterAgreement CompareClusterings(const std::vector<int64_t>& gold, const std::vector<int64_t>& predicted) {
  assert(gold.size() == predicted.size());
  ClusterAgreement out;
  out.items = gold.size();
  if (gold.empty()) return out;
  // Contingency table: n_ij items with gold label i and predicted label j.
  std::map<std::pair<int64_t, int64_t>, double> cells;
  std::unordered_map<int64_t, double> gold_sizes, predicted_sizes;
  for (size_t k = 0; k < gold.size(); ++k) {
    cells[{gold[k], predicted[k]}] += 1;
    gold_sizes[gold[k]] += 1;
    predicted_sizes[predicted[k]] += 1;
  }
  double shared_pairs = 0, bcubed_p = 0, bcubed_r = 0;
  for (const auto& [labels, n] : cells) {
    shared_pairs += Pairs(n);
    bcubed_p += n * n / predicted_sizes[labels.second];
    bcubed_r += n * n / gold_sizes[labels.first];
  }
  double gold_pairs = 0, predicted_pairs = 0;
  for (const auto& [label, n] : gold_sizes) gold_pairs += Pairs(n);
  for (const auto& [label, n] : predicted_sizes) predicted_pairs += Pairs(n);

  const double items = static_cast<double>(gold.size());
  out.pair_precision = Ratio(shared_pairs, predicted_pairs);
  out.pair_recall = Ratio(shared_pairs, gold_pairs);
  out.pair_f1 = F1(out.pair_precision, out.pair_recall);
  out.bcubed_precision = bcubed_p / items;
  out.bcubed_recall = bcubed_r / items;
  out.bcubed_f1 = F1(out.bcubed_precision, out.bcubed_recall);

  const double all_pairs = Pairs(items);
  const double expected = all_pairs > 0 ? gold_pairs * predicted_pairs / all_pairs : 0;
  const double maximum = (gold_pairs + predicted_pairs) / 2;
  out.ari = maximum - expected != 0 ? (shared_pairs - expected) / (maximum - expected) : 1.0;
  return out;
}

}  // namespace reprint
