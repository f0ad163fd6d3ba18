// Copy clusters: union-find over verified pairs, one canonical member per
// cluster, and each member's relation to the canonical.
//
// Canonical rule (deterministic, independent of input order and threads):
// the most complete text (most shingles), then the earliest date
// (documents without a date come last), then the smallest id.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reprint/similarity.h"

namespace reprint {

// What the canonical rule needs to know of a document.
struct CanonicalKey {
  uint32_t shingle_count = 0;
  std::string date;
  std::string id;
};

// Returns true iff a should be preferred to b as canonical member.
bool PreferAsCanonical(const CanonicalKey& a, const CanonicalKey& b);

class UnionFind {
 public:
  explicit UnionFind(size_t n);
  uint32_t Find(uint32_t x);
  // Returns true iff a and b were in different sets.
  bool Union(uint32_t a, uint32_t b);
  size_t size() const { return parent_.size(); }

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint8_t> rank_;
};

struct VerifiedPair {
  uint32_t a = 0;  // document indices, a < b
  uint32_t b = 0;
  PairScores scores;
  Relation relation = Relation::kUnrelated;
};

struct ClusterMember {
  uint32_t doc = 0;
  Relation relation = Relation::kCanonical;
  PairScores scores;  // against the canonical member (zero for it)
};

struct Cluster {
  uint32_t id = 0;
  uint32_t canonical = 0;
  std::vector<ClusterMember> members;  // canonical first, then by document index
};

// Groups documents connected by pairs whose relation is not kUnrelated.
// Returns clusters of >= 2 members, ordered by their smallest document index
// and numbered from 0; member relations are filled from the direct pair with
// the canonical when one is given, else left kLinked for the caller to verify.
std::vector<Cluster> BuildClusters(const std::vector<VerifiedPair>& pairs,
                                   const std::vector<CanonicalKey>& keys);

}  // namespace reprint
