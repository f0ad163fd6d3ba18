#include <algorithm>
#include <cstdint>
#include <utility>

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

// Finds the pair of two documents: by binary search in the pairs when they
// come sorted by (a, b), as the batch pipeline gives them, else in a sorted
// index of their positions.
class PairIndex {
 public:
  explicit PairIndex(const std::vector<VerifiedPair>& pairs) : pairs_(pairs) {
    const auto by_documents = [](const VerifiedPair& x, const VerifiedPair& y) { return Key(x.a, x.b) < Key(y.a, y.b); };
    if (std::is_sorted(pairs.begin(), pairs.end(), by_documents)) return;
    keyed_.reserve(pairs.size());
    for (uint32_t i = 0; i < pairs.size(); ++i) keyed_.push_back({Key(pairs[i].a, pairs[i].b), i});
    std::sort(keyed_.begin(), keyed_.end());
  }
  // The first pair of (lo, hi), or nullptr.
  const VerifiedPair* Find(uint32_t lo, uint32_t hi) const {
    const uint64_t key = Key(lo, hi);
    if (keyed_.empty()) {
      auto it = std::lower_bound(pairs_.begin(), pairs_.end(), key,
                                 [](const VerifiedPair& p, uint64_t k) { return Key(p.a, p.b) < k; });
      return it != pairs_.end() && Key(it->a, it->b) == key ? &*it : nullptr;
    }
    auto it = std::lower_bound(keyed_.begin(), keyed_.end(), std::make_pair(key, uint32_t{0}));
    return it != keyed_.end() && it->first == key ? &pairs_[it->second] : nullptr;
  }

 private:
  static uint64_t Key(uint32_t a, uint32_t b) { return (uint64_t{a} << 32) | b; }
  const std::vector<VerifiedPair>& pairs_;
  std::vector<std::pair<uint64_t, uint32_t>> keyed_;  // empty when pairs_ is sorted
};

}  // namespace

std::vector<Cluster> BuildClusters(const std::vector<VerifiedPair>& pairs, const std::vector<CanonicalKey>& keys) {
  const PairIndex by_pair(pairs);

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
      const VerifiedPair* pair = by_pair.Find(lo, hi);
      if (pair != nullptr && pair->relation != Relation::kUnrelated) {
        member.relation = pair->relation;
        member.scores = pair->scores;
      }
      cluster.members.push_back(member);
    }
    clusters.push_back(std::move(cluster));
  }
  return clusters;
}

}  // namespace reprint
