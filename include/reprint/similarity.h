// Verification of candidate pairs on their actual shingle sets, and the
// relation a pair is given.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "reprint/fingerprint.h"

namespace reprint {

struct PairScores {
  double jaccard = 0;      // |A ∩ B| / |A ∪ B|
  double containment = 0;  // |A ∩ B| / min(|A|, |B|)
  uint64_t intersection = 0;
  uint64_t smaller_size = 0;  // min(|A|, |B|)
};

enum class Relation {
  kCanonical,      // the cluster's canonical member itself
  kExact,          // same normalised text
  kNearDuplicate,  // Jaccard >= threshold
  kContained,      // the smaller text lies (mostly) inside the larger one
  kLinked,         // in the cluster through other members, not directly similar
  kUnrelated,
};

std::string_view RelationName(Relation relation);

struct RelationThresholds {
  double jaccard = 0.7;
  double containment = 0.7;
  // A text shorter than this (a credit line, a copyright notice) is "contained"
  // in any page that repeats it; it must not link unrelated pages.
  uint64_t min_contained_shingles = 15;
};

// REQUIRES: a and b sorted and distinct.
PairScores CompareShingleSets(const ShingleSet& a, const ShingleSet& b);
// The same on compact sets (Fingerprinter::CompactShingles).
PairScores CompareShingleSets(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

// Returns the relation of a pair from its scores; exact_hash_equal wins.
Relation ClassifyPair(const PairScores& scores, bool exact_hash_equal, const RelationThresholds& thresholds);

// Two clean texts compared on their full shingle sets, as `reprint compare`
// does: the scores, the relation and each side's number of shingles.
struct TextComparison {
  PairScores scores;
  Relation relation = Relation::kUnrelated;
  size_t a_shingles = 0, b_shingles = 0;
};
TextComparison CompareTexts(std::string_view a, std::string_view b, const FingerprintOptions& fingerprint,
                            const RelationThresholds& thresholds);

}  // namespace reprint
