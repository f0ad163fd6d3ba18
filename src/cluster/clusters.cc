#include <algorithm>
#include <cstdint>
#include <utility>

#include "reprint/cluster.h"
#include "util/radix_sort.h"

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
  std::vector<uint32_t> scratch;
  RadixSort32(&touched, &scratch);
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  // Dense arrays over the documents, not hash maps: at a million documents
  // the maps' node allocations and cache misses cost half a second.
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> slot_of_root(num_docs, kNone);
  std::vector<std::vector<uint32_t>> components;
  for (uint32_t doc : touched) {
    uint32_t& slot = slot_of_root[sets.Find(doc)];
    if (slot == kNone) {
      slot = static_cast<uint32_t>(components.size());
      components.emplace_back();
    }
    components[slot].push_back(doc);
  }
  return components;
}

}  // namespace

std::vector<Cluster> BuildClusters(const std::vector<VerifiedPair>& pairs, const std::vector<CanonicalKey>& keys) {
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> cluster_of(keys.size(), kNone), position_of(keys.size(), kNone);
  std::vector<Cluster> clusters;
  for (std::vector<uint32_t>& members : Components(pairs, keys.size())) {
    Cluster cluster;
    cluster.id = static_cast<uint32_t>(clusters.size());
    cluster.canonical = *std::min_element(members.begin(), members.end(), [&keys](uint32_t x, uint32_t y) {
      return PreferAsCanonical(keys[x], keys[y]);
    });
    cluster.members.push_back({cluster.canonical, Relation::kCanonical, {}});
    for (uint32_t doc : members)
      if (doc != cluster.canonical) cluster.members.push_back({doc, Relation::kLinked, {}});
    for (uint32_t i = 0; i < cluster.members.size(); ++i) {
      cluster_of[cluster.members[i].doc] = cluster.id;
      position_of[cluster.members[i].doc] = i;
    }
    clusters.push_back(std::move(cluster));
  }
  // A member paired with its canonical directly takes that pair's relation
  // and scores (the first such pair); the rest stay linked. One pass over the
  // pairs: a search per member would miss the cache at every step.
  for (const VerifiedPair& p : pairs) {
    if (p.relation == Relation::kUnrelated || cluster_of[p.a] == kNone) continue;
    Cluster& cluster = clusters[cluster_of[p.a]];
    const uint32_t other = p.a == cluster.canonical ? p.b : p.b == cluster.canonical ? p.a : kNone;
    if (other == kNone) continue;
    ClusterMember& member = cluster.members[position_of[other]];
    if (member.relation != Relation::kLinked) continue;
    member.relation = p.relation;
    member.scores = p.scores;
  }
  return clusters;
}

}  // namespace reprint
