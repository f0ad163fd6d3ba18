// Copy clusters kept up to date as documents come and go: the connected
// components of the verified pairs (edges), each with its canonical member by
// the batch rule (PreferAsCanonical). Joining merges the smaller clusters
// into the largest; removing a member recomputes the components of what is
// left, since one document may have held the cluster together.
#pragma once

#include <cstdint>

#include "reprint/cluster.h"
#include "reprint/status.h"
#include "store/database.h"
#include "store/records.h"

namespace reprint::store {

// The record without its keys; LoadKeys() adds them.
Status LoadDoc(StoreReader* reader, uint64_t seq, DocRecord* doc, bool* found);
Status LoadKeys(StoreReader* reader, uint64_t seq, DocRecord* doc);
// The canonical member and the size, without the member list.
Status LoadClusterHead(StoreReader* reader, uint64_t cluster_id, ClusterRecord* cluster, bool* found);
// The same with the members, sorted.
Status LoadCluster(StoreReader* reader, uint64_t cluster_id, ClusterRecord* cluster, bool* found);
Status LoadEdges(StoreReader* reader, uint64_t seq, EdgeList* edges);
inline CanonicalKey KeyOf(const DocRecord& d) { return {d.shingle_count, d.date, d.id}; }

// Stores the document's edges and the reverse edge on each partner.
Status AddEdges(WriteGroup* group, uint64_t seq, const EdgeList& edges);
// Removes the document's edges, from both sides; *removed (may be null) is
// how many it had.
Status RemoveEdges(WriteGroup* group, uint64_t seq, size_t* removed = nullptr);
// Moves every edge of `from` to `to` (an exact copy of it taking its place).
Status TransferEdges(WriteGroup* group, uint64_t from, uint64_t to);

// Puts the new document `seq` (whose record the caller stores afterwards)
// into the cluster of its edges' partners, merging their clusters; sets
// doc->cluster_id (0 when it has no edges).
Status JoinCluster(WriteGroup* group, IndexState* state, uint64_t seq, DocRecord* doc, const EdgeList& edges);

// After `removed` left cluster `cluster_id` (its edges already removed):
// recomputes the cluster's components, canonicals and member records.
// `removed_edges`: how many edges it had; with one (a leaf, such as an exact
// copy) the rest stays connected and the components are not recomputed.
Status SplitCluster(WriteGroup* group, IndexState* state, uint64_t cluster_id, uint64_t removed,
                    size_t removed_edges);

}  // namespace reprint::store
