// CopyIndex::CheckConsistency(): every cross-reference the writer maintains,
// checked from both ends. Used after crashes in tests and by
// `reprint index check`; it reads the whole index, postings included.
#include <rocksdb/iterator.h>

#include <algorithm>
#include <map>
#include <set>

#include "reprint/copy_index.h"
#include "store/chunked_list.h"
#include "store/clusters.h"
#include "store/coding.h"
#include "store/index_core.h"
#include "store/ingest.h"
#include "store/postings.h"

namespace reprint {
namespace {

using store::Column;

Status Problem(uint64_t seq, const std::string& what) {
  return Status::Corruption("document #" + std::to_string(seq) + ": " + what);
}

bool PostingHolds(store::StoreReader* reader, const std::string& key, uint64_t seq) {
  std::string posting;
  bool found = false;
  if (!reader->Get(Column::kPostings, key, &posting, &found).ok() || !found) return false;
  for (size_t i = 0; i < store::PostingLength(posting); ++i)
    if (store::PostingAt(posting, i).seq == seq) return true;
  return false;
}

Status CheckDocument(store::StoreReader* reader, uint64_t seq, const store::DocRecord& doc, size_t max_bucket) {
  uint64_t mapped = 0;
  if (Status s = store::Ingestor::FindSeq(reader, doc.id, &mapped); !s.ok()) return s;
  if (mapped != seq) return Problem(seq, "id '" + doc.id + "' maps to #" + std::to_string(mapped));
  std::string value;
  bool found = false;
  if (Status s = reader->Get(Column::kBlobs, store::BlobKey(seq, store::BlobKind::kShingles), &value, &found); !s.ok()) return s;
  if (!found) return Problem(seq, "no shingle set");
  if (doc.cluster_id != 0) {
    // That it is among the members is checked from the cluster's side, and
    // the number of clustered records against the members counted there.
    store::ClusterRecord cluster;
    if (Status s = store::LoadClusterHead(reader, doc.cluster_id, &cluster, &found); !s.ok()) return s;
    if (!found) return Problem(seq, "its cluster " + std::to_string(doc.cluster_id) + " does not exist");
  }
  if (doc.story_id != 0) {
    if (Status s = reader->Get(Column::kMeta, store::StoryMemberKey(doc.story_id, seq), &value, &found); !s.ok()) return s;
    if (!found) return Problem(seq, "missing from its story " + std::to_string(doc.story_id));
  }
  store::DocRecord keyed = doc;
  if (Status s = store::LoadKeys(reader, seq, &keyed); !s.ok()) return s;
  if (doc.indexed && !keyed.band_keys.empty()) {
    const std::string key = store::PostingKey(store::KeyFamily::kBand, keyed.band_keys.front());
    std::string posting;
    if (Status s = reader->Get(Column::kPostings, key, &posting, &found); !s.ok()) return s;
    const bool full = found && store::PostingLength(posting) >= max_bucket;
    if (!full && !PostingHolds(reader, key, seq)) return Problem(seq, "missing from its band posting");
  }
  store::EdgeList edges, reverse;
  if (Status s = store::LoadEdges(reader, seq, &edges); !s.ok()) return s;
  for (const store::Edge& e : edges) {
    if (Status s = store::LoadEdges(reader, e.other, &reverse); !s.ok()) return s;
    if (std::none_of(reverse.begin(), reverse.end(), [seq](const store::Edge& r) { return r.other == seq; }))
      return Problem(seq, "edge to #" + std::to_string(e.other) + " has no reverse");
  }
  if (!edges.empty() && doc.cluster_id == 0) return Problem(seq, "has matches but no cluster");
  return Status::Ok();
}

Status CheckCluster(store::StoreReader* reader, uint64_t id, const store::ClusterRecord& cluster) {
  const std::string name = "cluster " + std::to_string(id);
  if (cluster.members.size() < 2) return Status::Corruption(name + " has fewer than 2 members");
  if (!std::binary_search(cluster.members.begin(), cluster.members.end(), cluster.canonical))
    return Status::Corruption(name + ": canonical is not a member");
  store::DocRecord doc, canonical;
  bool found = false;
  if (Status s = store::LoadDoc(reader, cluster.canonical, &canonical, &found); !s.ok()) return s;
  for (uint64_t seq : cluster.members) {
    if (Status s = store::LoadDoc(reader, seq, &doc, &found); !s.ok()) return s;
    if (!found || doc.cluster_id != id) return Status::Corruption(name + ": member #" + std::to_string(seq) + " points elsewhere");
    if (seq != cluster.canonical && PreferAsCanonical(store::KeyOf(doc), store::KeyOf(canonical)))
      return Status::Corruption(name + ": member #" + std::to_string(seq) + " should be canonical");
  }
  return Status::Ok();
}

// The stored documents as the lists that name them need to know them: two
// bits per seq, so checking a large index does not hold its records.
class LiveSet {
 public:
  void Add(uint64_t seq, bool indexed) {
    if (seq >= live_.size()) live_.resize(seq + 1), indexed_.resize(seq + 1);
    live_[seq] = true;
    indexed_[seq] = indexed;
  }
  bool Live(uint64_t seq) const { return seq < live_.size() && live_[seq]; }
  bool Indexed(uint64_t seq) const { return Live(seq) && indexed_[seq]; }

 private:
  std::vector<bool> live_, indexed_;
};

// Every entry of every posting names a stored document that represents its
// text (deletions must take their entries out).
Status CheckPostings(store::SnapshotReader* reader, const LiveSet& live) {
  std::unique_ptr<rocksdb::Iterator> it = reader->Scan(Column::kPostings);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string_view posting = it->value().ToStringView();
    for (size_t i = 0; i < store::PostingLength(posting); ++i) {
      const uint64_t seq = store::PostingAt(posting, i).seq;
      if (!live.Indexed(seq))
        return Problem(seq, std::string(live.Live(seq) ? "an exact copy" : "not stored") + ", but in a posting");
    }
  }
  return store::FromRocks(it->status(), "scanning the postings");
}

// The documents sharing a text are listed under its hash, in order of seq,
// and the first of them alone is in the postings.
Status CheckExactList(store::StoreReader* reader, std::string_view key, const LiveSet& live, uint64_t* listed) {
  std::vector<uint64_t> seqs;
  if (Status s = store::SeqChunks::Load(reader, Column::kMeta, key, &seqs); !s.ok()) return s;
  const uint64_t hash = store::ReadBigEndian64(key.substr(1));
  store::DocRecord doc;
  bool found = false;
  for (size_t i = 0; i < seqs.size(); ++i) {
    if (!live.Live(seqs[i])) return Problem(seqs[i], "not stored, but listed under its text's hash");
    if (Status s = store::LoadDoc(reader, seqs[i], &doc, &found); !s.ok()) return s;
    if (doc.exact_hash != hash) return Problem(seqs[i], "listed under another text's hash");
    if (doc.indexed != (i == 0))
      return Problem(seqs[i], doc.indexed ? "in the postings behind an earlier exact copy" : "first of its text, but not in the postings");
    if (i > 0 && seqs[i - 1] >= seqs[i]) return Problem(seqs[i], "listed out of order under its text's hash");
  }
  *listed += seqs.size();
  return Status::Ok();
}

// Every list of documents sharing a text (chunked lists under 'q' + hash).
Status CheckExactLists(store::SnapshotReader* reader, const LiveSet& live, uint64_t* listed) {
  std::unique_ptr<rocksdb::Iterator> it = reader->Scan(Column::kMeta);
  for (it->Seek("q"); it->Valid() && it->key().starts_with("q"); it->Next()) {
    if (it->key().size() != 9) continue;  // a chunk of the list, not its header
    if (Status s = CheckExactList(reader, it->key().ToStringView(), live, listed); !s.ok()) return s;
  }
  return store::FromRocks(it->status(), "scanning the exact-text lists");
}

}  // namespace

namespace store {

Status CheckIndex(const IndexCore& core) {
  SnapshotReader reader(*core.database);
  std::unique_ptr<rocksdb::Iterator> it = reader.Scan(Column::kMeta);
  uint64_t documents = 0, clusters = 0, clustered = 0, pointing_to_a_cluster = 0;
  store::IndexState state;
  LiveSet live;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string_view key = it->key().ToStringView(), value = it->value().ToStringView();
    if (key == "S" && !store::DecodeState(value, &state)) return Status::Corruption("state record");
    if (key.size() != 9) continue;
    const uint64_t number = store::ReadBigEndian64(key.substr(1));
    if (key[0] == 'd') {
      store::DocRecord doc;
      if (!store::DecodeDoc(value, &doc)) return Problem(number, "unreadable record");
      if (Status s = CheckDocument(&reader, number, doc, core.options.max_bucket); !s.ok()) return s;
      live.Add(number, doc.indexed);
      ++documents;
      pointing_to_a_cluster += doc.cluster_id != 0;
    } else if (key[0] == 'c') {
      store::ClusterRecord cluster;
      bool found = false;
      if (Status s = store::LoadCluster(&reader, number, &cluster, &found); !s.ok()) return s;
      if (Status s = CheckCluster(&reader, number, cluster); !s.ok()) return s;
      ++clusters;
      clustered += cluster.members.size();
    }
  }
  if (Status s = store::FromRocks(it->status(), "scanning the index"); !s.ok()) return s;
  uint64_t listed = 0;
  if (Status s = CheckExactLists(&reader, live, &listed); !s.ok()) return s;
  if (listed != documents)
    return Status::Corruption(std::to_string(documents) + " documents, but " + std::to_string(listed) +
                              " listed under their texts' hashes");
  if (Status s = CheckPostings(&reader, live); !s.ok()) return s;
  if (pointing_to_a_cluster != clustered)
    return Status::Corruption(std::to_string(pointing_to_a_cluster) + " records point to a cluster, but clusters list " +
                              std::to_string(clustered) + " members");
  if (state.documents != documents || state.clusters != clusters || state.clustered_documents != clustered)
    return Status::Corruption("counters say " + std::to_string(state.documents) + " documents, " +
                              std::to_string(state.clusters) + " clusters, " + std::to_string(state.clustered_documents) +
                              " clustered; the index holds " + std::to_string(documents) + ", " +
                              std::to_string(clusters) + ", " + std::to_string(clustered));
  return Status::Ok();
}

}  // namespace store
}  // namespace reprint
