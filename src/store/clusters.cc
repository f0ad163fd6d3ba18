#include "store/clusters.h"

#include <algorithm>
#include <map>
#include <set>

#include "store/chunked_list.h"

namespace reprint::store {
namespace {

std::string EdgesKey(uint64_t seq) { return SeqKey('e', seq); }
std::string MembersKey(uint64_t cluster_id) { return SeqKey('M', cluster_id); }

Status PutDoc(WriteGroup* group, uint64_t seq, const DocRecord& doc) {
  group->Put(Column::kMeta, SeqKey('d', seq), EncodeDoc(doc));
  return Status::Ok();
}

Status SetClusterOf(WriteGroup* group, uint64_t seq, uint64_t cluster_id) {
  DocRecord doc;
  bool found = false;
  if (Status s = LoadDoc(group, seq, &doc, &found); !s.ok()) return s;
  if (!found) return Status::Corruption("cluster member #" + std::to_string(seq) + " has no record");
  if (doc.cluster_id == cluster_id) return Status::Ok();
  doc.cluster_id = cluster_id;
  return PutDoc(group, seq, doc);
}

// Picks the canonical member among `seqs` by the batch rule.
Status ChooseCanonical(StoreReader* reader, const std::vector<uint64_t>& seqs, const DocRecord* pending,
                       uint64_t pending_seq, uint64_t* best) {
  CanonicalKey best_key;
  *best = 0;
  for (uint64_t seq : seqs) {
    DocRecord doc;
    bool found = false;
    if (seq == pending_seq) {
      doc = *pending;
      found = true;
    } else if (Status s = LoadDoc(reader, seq, &doc, &found); !s.ok()) {
      return s;
    }
    if (!found) return Status::Corruption("cluster member #" + std::to_string(seq) + " has no record");
    CanonicalKey key = KeyOf(doc);
    if (*best == 0 || PreferAsCanonical(key, best_key)) *best = seq, best_key = std::move(key);
  }
  return Status::Ok();
}

Status UpsertEdge(WriteGroup* group, uint64_t seq, const Edge& edge) {
  EdgeList edges;
  if (Status s = LoadEdges(group, seq, &edges); !s.ok()) return s;
  auto it = std::lower_bound(edges.begin(), edges.end(), edge.other,
                             [](const Edge& e, uint64_t other) { return e.other < other; });
  if (it != edges.end() && it->other == edge.other) *it = edge;
  else edges.insert(it, edge);
  return EdgeChunks::Store(group, Column::kMeta, EdgesKey(seq), edges);
}

Status EraseEdge(WriteGroup* group, uint64_t seq, uint64_t other) {
  EdgeList edges;
  if (Status s = LoadEdges(group, seq, &edges); !s.ok()) return s;
  std::erase_if(edges, [other](const Edge& e) { return e.other == other; });
  return EdgeChunks::Store(group, Column::kMeta, EdgesKey(seq), edges);
}

Status Components(WriteGroup* group, const std::vector<uint64_t>& members,
                  std::vector<std::vector<uint64_t>>* components) {
  std::set<uint64_t> unvisited(members.begin(), members.end());
  while (!unvisited.empty()) {
    std::vector<uint64_t> component, frontier{*unvisited.begin()};
    unvisited.erase(unvisited.begin());
    while (!frontier.empty()) {
      const uint64_t seq = frontier.back();
      frontier.pop_back();
      component.push_back(seq);
      EdgeList edges;
      if (Status s = LoadEdges(group, seq, &edges); !s.ok()) return s;
      for (const Edge& e : edges)
        if (unvisited.erase(e.other)) frontier.push_back(e.other);
    }
    std::sort(component.begin(), component.end());
    components->push_back(std::move(component));
  }
  // The largest component keeps the cluster's id (ties: the earliest member).
  std::stable_sort(components->begin(), components->end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return Status::Ok();
}

}  // namespace

Status LoadDoc(StoreReader* reader, uint64_t seq, DocRecord* doc, bool* found) {
  std::string value;
  if (Status s = reader->Get(Column::kMeta, SeqKey('d', seq), &value, found); !s.ok()) return s;
  if (*found && !DecodeDoc(value, doc)) return Status::Corruption("record of document #" + std::to_string(seq));
  return Status::Ok();
}

Status LoadKeys(StoreReader* reader, uint64_t seq, DocRecord* doc) {
  std::string value;
  bool found = false;
  if (Status s = reader->Get(Column::kBlobs, BlobKey(seq, BlobKind::kKeys), &value, &found); !s.ok()) return s;
  if (!found || !DecodeKeys(value, doc)) return Status::Corruption("keys of document #" + std::to_string(seq));
  return Status::Ok();
}

Status LoadClusterHead(StoreReader* reader, uint64_t cluster_id, ClusterRecord* cluster, bool* found) {
  std::string value;
  if (Status s = reader->Get(Column::kMeta, SeqKey('c', cluster_id), &value, found); !s.ok()) return s;
  if (*found && !DecodeCluster(value, cluster)) return Status::Corruption("cluster " + std::to_string(cluster_id));
  return Status::Ok();
}

Status LoadCluster(StoreReader* reader, uint64_t cluster_id, ClusterRecord* cluster, bool* found) {
  if (Status s = LoadClusterHead(reader, cluster_id, cluster, found); !s.ok() || !*found) return s;
  if (Status s = SeqChunks::Load(reader, Column::kMeta, MembersKey(cluster_id), &cluster->members); !s.ok()) return s;
  if (cluster->members.size() != cluster->size)
    return Status::Corruption("cluster " + std::to_string(cluster_id) + " lists " +
                              std::to_string(cluster->members.size()) + " of its " + std::to_string(cluster->size) +
                              " members");
  std::sort(cluster->members.begin(), cluster->members.end());
  return Status::Ok();
}

Status LoadEdges(StoreReader* reader, uint64_t seq, EdgeList* edges) {
  return EdgeChunks::Load(reader, Column::kMeta, EdgesKey(seq), edges);
}

Status AddEdges(WriteGroup* group, uint64_t seq, const EdgeList& edges) {
  if (edges.empty()) return Status::Ok();
  if (Status s = EdgeChunks::Store(group, Column::kMeta, EdgesKey(seq), edges); !s.ok()) return s;
  // `seq` is newer than every stored document, so its reverse edge goes at
  // the end of each partner's list (sorted by other): an append, not a
  // rewrite of a list that grows with every copy of the partner.
  for (const Edge& e : edges) {
    Edge reverse = e;
    reverse.other = seq;
    if (Status s = EdgeChunks::Append(group, Column::kMeta, EdgesKey(e.other), {reverse}); !s.ok()) return s;
  }
  return Status::Ok();
}

Status RemoveEdges(WriteGroup* group, uint64_t seq, size_t* removed) {
  EdgeList edges;
  if (Status s = LoadEdges(group, seq, &edges); !s.ok()) return s;
  if (removed != nullptr) *removed = edges.size();
  for (const Edge& e : edges)
    if (Status s = EraseEdge(group, e.other, seq); !s.ok()) return s;
  return EdgeChunks::Store(group, Column::kMeta, EdgesKey(seq), {});
}

Status TransferEdges(WriteGroup* group, uint64_t from, uint64_t to) {
  EdgeList edges;
  if (Status s = LoadEdges(group, from, &edges); !s.ok()) return s;
  if (Status s = RemoveEdges(group, from); !s.ok()) return s;
  std::erase_if(edges, [to](const Edge& e) { return e.other == to; });
  EdgeList existing;
  if (Status s = LoadEdges(group, to, &existing); !s.ok()) return s;
  for (const Edge& e : edges) {
    if (std::any_of(existing.begin(), existing.end(), [&](const Edge& x) { return x.other == e.other; })) continue;
    if (Status s = UpsertEdge(group, to, e); !s.ok()) return s;
    Edge reverse = e;
    reverse.other = to;
    if (Status s = UpsertEdge(group, e.other, reverse); !s.ok()) return s;
  }
  return Status::Ok();
}

Status JoinCluster(WriteGroup* group, IndexState* state, uint64_t seq, DocRecord* doc, const EdgeList& edges) {
  doc->cluster_id = 0;
  if (edges.empty()) return Status::Ok();
  // Partners' clusters (heads only), and partners in none.
  std::map<uint64_t, ClusterRecord> clusters;
  std::vector<uint64_t> loners;
  for (const Edge& e : edges) {
    DocRecord partner;
    bool found = false;
    if (Status s = LoadDoc(group, e.other, &partner, &found); !s.ok()) return s;
    if (!found) return Status::Corruption("matched document #" + std::to_string(e.other) + " has no record");
    if (partner.cluster_id == 0) {
      loners.push_back(e.other);
      continue;
    }
    if (clusters.count(partner.cluster_id)) continue;
    ClusterRecord& c = clusters[partner.cluster_id];
    if (Status s = LoadClusterHead(group, partner.cluster_id, &c, &found); !s.ok()) return s;
    if (!found) return Status::Corruption("cluster " + std::to_string(partner.cluster_id) + " has no record");
  }
  // The largest cluster absorbs the others: members move at most log(n)
  // times, and the largest one's member list is only appended to.
  uint64_t target = 0;
  uint64_t target_size = 0;
  for (const auto& [id, c] : clusters)
    if (c.size > target_size) target = id, target_size = c.size;
  if (target == 0) {
    target = state->next_cluster++;
    ++state->clusters;
  }
  ClusterRecord merged;
  if (clusters.count(target)) merged = clusters[target];
  state->clustered_documents -= merged.size;
  std::vector<uint64_t> canonical_candidates{seq}, joining;
  for (const auto& [id, c] : clusters) {
    canonical_candidates.push_back(c.canonical);
    if (id == target) continue;
    std::vector<uint64_t> members;
    if (Status s = SeqChunks::Load(group, Column::kMeta, MembersKey(id), &members); !s.ok()) return s;
    for (uint64_t member : members)
      if (Status s = SetClusterOf(group, member, target); !s.ok()) return s;
    joining.insert(joining.end(), members.begin(), members.end());
    group->Delete(Column::kMeta, SeqKey('c', id));
    if (Status s = SeqChunks::Store(group, Column::kMeta, MembersKey(id), {}); !s.ok()) return s;
    --state->clusters;
    state->clustered_documents -= c.size;
  }
  for (uint64_t loner : loners) {
    if (Status s = SetClusterOf(group, loner, target); !s.ok()) return s;
    joining.push_back(loner);
    canonical_candidates.push_back(loner);
  }
  joining.push_back(seq);
  if (Status s = SeqChunks::Append(group, Column::kMeta, MembersKey(target), joining); !s.ok()) return s;
  merged.size += joining.size();
  state->clustered_documents += merged.size;
  doc->cluster_id = target;
  if (Status s = ChooseCanonical(group, canonical_candidates, doc, seq, &merged.canonical); !s.ok()) return s;
  group->Put(Column::kMeta, SeqKey('c', target), EncodeCluster(merged));
  return Status::Ok();
}

// Removing a document with one edge cannot disconnect the others: the
// cluster only shrinks, and needs a new canonical if it was the canonical.
// Without this, deleting each of N copies walked every member's edges.
Status RemoveLeaf(WriteGroup* group, IndexState* state, uint64_t cluster_id, uint64_t removed, ClusterRecord* cluster) {
  if (cluster->canonical == removed)
    if (Status s = ChooseCanonical(group, cluster->members, nullptr, 0, &cluster->canonical); !s.ok()) return s;
  cluster->size = cluster->members.size();
  --state->clustered_documents;
  group->Put(Column::kMeta, SeqKey('c', cluster_id), EncodeCluster(*cluster));
  return SeqChunks::Store(group, Column::kMeta, MembersKey(cluster_id), cluster->members);
}

Status SplitCluster(WriteGroup* group, IndexState* state, uint64_t cluster_id, uint64_t removed,
                    size_t removed_edges) {
  ClusterRecord cluster;
  bool found = false;
  if (Status s = LoadCluster(group, cluster_id, &cluster, &found); !s.ok()) return s;
  if (!found) return Status::Corruption("cluster " + std::to_string(cluster_id) + " has no record");
  std::erase(cluster.members, removed);
  if (removed_edges == 1 && cluster.members.size() >= 2) return RemoveLeaf(group, state, cluster_id, removed, &cluster);
  state->clustered_documents -= cluster.size;
  --state->clusters;
  group->Delete(Column::kMeta, SeqKey('c', cluster_id));
  if (Status s = SeqChunks::Store(group, Column::kMeta, MembersKey(cluster_id), {}); !s.ok()) return s;
  std::vector<std::vector<uint64_t>> components;
  if (Status s = Components(group, cluster.members, &components); !s.ok()) return s;
  for (size_t i = 0; i < components.size(); ++i) {
    const std::vector<uint64_t>& members = components[i];
    if (members.size() == 1) {
      if (Status s = SetClusterOf(group, members[0], 0); !s.ok()) return s;
      continue;
    }
    const uint64_t id = i == 0 ? cluster_id : state->next_cluster++;
    ClusterRecord part;
    part.size = members.size();
    if (Status s = ChooseCanonical(group, members, nullptr, 0, &part.canonical); !s.ok()) return s;
    for (uint64_t member : members)
      if (Status s = SetClusterOf(group, member, id); !s.ok()) return s;
    group->Put(Column::kMeta, SeqKey('c', id), EncodeCluster(part));
    if (Status s = SeqChunks::Store(group, Column::kMeta, MembersKey(id), members); !s.ok()) return s;
    ++state->clusters;
    state->clustered_documents += members.size();
  }
  return Status::Ok();
}

}  // namespace reprint::store
