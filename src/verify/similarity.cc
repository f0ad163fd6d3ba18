#include "reprint/similarity.h"

#include <algorithm>

#include "reprint/fingerprint.h"

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

namespace {

// Linear merge of two sorted sets; copies are of similar size in practice,
// so galloping through the larger one would not pay. Without branches on the
// comparison: which side advances is data-dependent and mispredicted often.
template <typename T>
PairScores CompareSorted(const std::vector<T>& a, const std::vector<T>& b) {
  PairScores scores;
  if (a.empty() || b.empty()) return scores;
  size_t i = 0, j = 0;
  uint64_t common = 0;
  while (i < a.size() && j < b.size()) {
    const T x = a[i], y = b[j];
    common += x == y;
    i += x <= y;
    j += y <= x;
  }
  scores.intersection = common;
  scores.smaller_size = std::min(a.size(), b.size());
  scores.jaccard = static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
  scores.containment = static_cast<double>(common) / static_cast<double>(scores.smaller_size);
  return scores;
}

}  // namespace

PairScores CompareShingleSets(const ShingleSet& a, const ShingleSet& b) { return CompareSorted(a, b); }

PairScores CompareShingleSets(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  return CompareSorted(a, b);
}

Relation ClassifyPair(const PairScores& scores, bool exact_hash_equal, const RelationThresholds& t) {
  if (exact_hash_equal) return Relation::kExact;
  if (scores.jaccard >= t.jaccard) return Relation::kNearDuplicate;
  if (scores.containment >= t.containment && scores.smaller_size >= t.min_contained_shingles)
    return Relation::kContained;
  return Relation::kUnrelated;
}

TextComparison CompareTexts(std::string_view a, std::string_view b, const FingerprintOptions& fingerprint,
                            const RelationThresholds& thresholds) {
  Fingerprinter fingerprinter(fingerprint);
  Fingerprint print_a, print_b;
  ShingleSet shingles_a, shingles_b;
  fingerprinter.Compute(a, &print_a);
  fingerprinter.Compute(b, &print_b);
  fingerprinter.Shingles(a, &shingles_a);
  fingerprinter.Shingles(b, &shingles_b);
  TextComparison out;
  out.scores = CompareShingleSets(shingles_a, shingles_b);
  out.relation = ClassifyPair(out.scores, print_a.exact_hash == print_b.exact_hash, thresholds);
  out.a_shingles = shingles_a.size();
  out.b_shingles = shingles_b.size();
  return out;
}

}  // namespace reprint
