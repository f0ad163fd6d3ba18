#include "reprint/similarity.h"

#include <algorithm>

namespace reprint {

std::string_view RelationName(Relation relation) {
  switch (relation) {
    case Relation::kCanonical: return "canonical";
    case Relation::kExact: return "exact";
    case Relation::kNearDuplicate: return "near-duplicate";
    case Relation::kContained: return "contained";
    case Relation::kLinked: return "linked";
    case Relation::kUnrelated: return "unrelated";
  }
  return "unrelated";
}

PairScores CompareShingleSets(const ShingleSet& a, const ShingleSet& b) {
  PairScores scores;
  if (a.empty() || b.empty()) return scores;
  // Linear merge: both sets are sorted; the smaller one could be galloped,
  // but copies are of similar size in practice.
  size_t i = 0, j = 0;
  uint64_t common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  const double union_size = static_cast<double>(a.size() + b.size() - common);
  scores.intersection = common;
  scores.smaller_size = std::min(a.size(), b.size());
  scores.jaccard = static_cast<double>(common) / union_size;
  scores.containment = static_cast<double>(common) / static_cast<double>(std::min(a.size(), b.size()));
  return scores;
}

Relation ClassifyPair(const PairScores& scores, bool exact_hash_equal, const RelationThresholds& t) {
  if (exact_hash_equal) return Relation::kExact;
  if (scores.jaccard >= t.jaccard) return Relation::kNearDuplicate;
  if (scores.containment >= t.containment && scores.smaller_size >= t.min_contained_shingles)
    return Relation::kContained;
  return Relation::kUnrelated;
}

}  // namespace reprint
