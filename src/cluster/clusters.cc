#include <algorithm>
#include <unordered_map>

#include "reprint/cluster.h"

namespace reprint {

bool PreferAsCanonical(const CanonicalKey& a, const CanonicalKey& b) {
  if (a.shingle_count != b.shingle_count) return a.shingle_count > b.shingle_count;
  if (a.date != b.date) {
    if (a.date.empty()) return false;  // undated documents come last
    if (b.date.empty()) return true;
    return a.date < b.date;  // ISO 8601 strings sort chronologically
  }
  return a.id < b.id;
}

namespace {

// Groups the documents touched by related pairs into components, each sorted
// by document index, ordered by their smallest member.
std::vector<std::vector<uint32_t>> Components(const std::vector<VerifiedPair>& pairs, size_t num_docs) {
  UnionFind sets(num_docs);
  std::vector<uint32_t> touched;
  for (const VerifiedPair& p : pairs) {
    if (p.relation == Relation::kUnrelated) continue;
    sets.Union(p.a, p.b);
    touched.push_back(p.a);
    touched.push_back(p.b);
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  std::unordered_map<uint32_t, size_t> slot_of_root;
  std::vector<std::vector<uint32_t>> components;
  for (uint32_t doc : touched) {
    auto [it, inserted] = slot_of_root.try_emplace(sets.Find(doc), components.size());
    if (inserted) components.emplace_back();
    components[it->second].push_back(doc);
  }
  return components;
}

}  // namespace

std::vector<Cluster> BuildClusters(const std::vector<VerifiedPair>& pairs, const std::vector<CanonicalKey>& keys) {
  std::unordered_map<uint64_t, const VerifiedPair*> by_pair;
  for (const VerifiedPair& p : pairs) by_pair[(uint64_t{p.a} << 32) | p.b] = &p;

  std::vector<Cluster> clusters;
  for (std::vector<uint32_t>& members : Components(pairs, keys.size())) {
    Cluster cluster;
    cluster.id = static_cast<uint32_t>(clusters.size());
    cluster.canonical = *std::min_element(members.begin(), members.end(), [&keys](uint32_t x, uint32_t y) {
      return PreferAsCanonical(keys[x], keys[y]);
    });
    cluster.members.push_back({cluster.canonical, Relation::kCanonical, {}});
    for (uint32_t doc : members) {
      if (doc == cluster.canonical) continue;
      ClusterMember member{doc, Relation::kLinked, {}};
      uint32_t lo = std::min(doc, cluster.canonical), hi = std::max(doc, cluster.canonical);
      auto it = by_pair.find((uint64_t{lo} << 32) | hi);
      if (it != by_pair.end() && it->second->relation != Relation::kUnrelated) {
        member.relation = it->second->relation;
        member.scores = it->second->scores;
      }
      cluster.members.push_back(member);
    }
    clusters.push_back(std::move(cluster));
  }
  return clusters;
}

}  // namespace reprint
