// RecordFor() and DescribeMembership(): what a document is, and what its
// answer says about its copy cluster; shared by Add (stored) and Query.
#include <algorithm>
#include <ctime>
#include <map>

#include "store/clusters.h"
#include "store/index_core.h"
#include "story/article_terms.h"

namespace reprint::store {
namespace {

// 32-bit keys, as in the batch pipeline (pipeline/fingerprint_pass.cc).
std::vector<uint32_t> Truncated(const std::vector<uint64_t>& keys) {
  std::vector<uint32_t> out;
  out.reserve(keys.size());
  for (uint64_t key : keys) out.push_back(static_cast<uint32_t>(key));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The cluster the document belongs (or would belong) to: its id (0 for a
// cluster that does not exist yet), size and the candidates for canonical.
struct Membership {
  uint64_t cluster_id = 0;
  uint64_t size = 1;
  std::vector<uint64_t> canonical_candidates;
};

Status HypotheticalMembership(StoreReader* reader, const EdgeList& edges, uint64_t replaced, Membership* m) {
  std::map<uint64_t, ClusterRecord> clusters;
  uint64_t largest = 0;
  uint64_t replaced_cluster = 0;
  if (replaced != 0) {
    DocRecord old;
    bool found = false;
    if (Status s = LoadDoc(reader, replaced, &old, &found); !s.ok()) return s;
    if (found) replaced_cluster = old.cluster_id;
  }
  for (const Edge& e : edges) {
    DocRecord partner;
    bool found = false;
    if (Status s = LoadDoc(reader, e.other, &partner, &found); !s.ok()) return s;
    if (!found) continue;
    if (partner.cluster_id == 0) {
      ++m->size;
      m->canonical_candidates.push_back(e.other);
      continue;
    }
    if (clusters.count(partner.cluster_id)) continue;
    ClusterRecord& c = clusters[partner.cluster_id];
    if (Status s = LoadClusterHead(reader, partner.cluster_id, &c, &found); !s.ok()) return s;
    m->size += c.size;
    // The document this one would replace leaves its cluster. (Its cluster's
    // next canonical is then approximated by the other candidates.)
    if (replaced_cluster == partner.cluster_id) --m->size;
    if (c.canonical != replaced) m->canonical_candidates.push_back(c.canonical);
    if (c.size > largest) largest = c.size, m->cluster_id = partner.cluster_id;
  }
  return Status::Ok();
}

Status ScoreAgainst(StoreReader* reader, uint64_t canonical, const std::vector<uint32_t>& shingles,
                    const EdgeList& edges, const MatchRules& rules, DocumentAnswer* answer) {
  for (const Edge& e : edges) {
    if (e.other != canonical) continue;
    answer->relation = e.relation;
    answer->scores = e.scores;
    return Status::Ok();
  }
  std::string blob;
  bool found = false;
  if (Status s = reader->Get(Column::kBlobs, BlobKey(canonical, BlobKind::kShingles), &blob, &found); !s.ok()) return s;
  std::vector<uint32_t> other;
  if (!found || !DecodeShingles(blob, &other)) return Status::Corruption("shingles of #" + std::to_string(canonical));
  answer->scores = CompareShingleSets(shingles, other);
  const Relation relation = ClassifyPair(answer->scores, false, rules.thresholds);
  answer->relation = relation == Relation::kUnrelated ? Relation::kLinked : relation;
  return Status::Ok();
}

Status FillMatches(StoreReader* reader, const EdgeList& edges, DocumentAnswer* answer) {
  for (const Edge& e : edges) {
    DocRecord partner;
    bool found = false;
    if (Status s = LoadDoc(reader, e.other, &partner, &found); !s.ok()) return s;
    if (found) answer->matches.push_back({partner.id, e.relation, e.scores});
  }
  return Status::Ok();
}

}  // namespace

DocRecord RecordFor(const PreparedDocument& prepared, LshParams lsh, int64_t now) {
  DocRecord doc;
  const CleanDocument& clean = prepared.clean;
  doc.id = clean.id;
  doc.url = clean.url;
  doc.source = clean.source;
  doc.date = clean.date;
  doc.title = clean.title;
  doc.ingested_at = now;
  doc.day = prepared.day != INT32_MIN ? prepared.day : static_cast<int32_t>(now / 86400);
  doc.text_bytes = clean.text.size();
  doc.shingle_count = prepared.print.shingle_count;
  doc.exact_hash = prepared.print.exact_hash;
  if (prepared.print.shingle_count > 0) {
    std::vector<uint64_t> band_keys;
    LshBandKeys(prepared.print.sketch, lsh, &band_keys);
    doc.band_keys = Truncated(band_keys);
  }
  doc.anchors = Truncated(prepared.print.anchors);
  doc.leads = Truncated(prepared.print.lead);
  return doc;
}

Status DescribeMembership(StoreReader* reader, const DocRecord& doc, uint64_t seq,
                          const std::vector<uint32_t>& shingles, const EdgeList& edges, const MatchRules& rules,
                          DocumentAnswer* answer, uint64_t replaced) {
  if (Status s = FillMatches(reader, edges, answer); !s.ok()) return s;
  answer->cluster_id = 0;
  answer->cluster_size = 1;
  answer->relation = Relation::kUnrelated;
  if (edges.empty()) return Status::Ok();
  uint64_t canonical = 0;
  if (seq != 0) {
    ClusterRecord cluster;
    bool found = false;
    if (Status s = LoadClusterHead(reader, doc.cluster_id, &cluster, &found); !s.ok()) return s;
    if (!found) return Status::Corruption("cluster " + std::to_string(doc.cluster_id));
    answer->cluster_id = doc.cluster_id;
    answer->cluster_size = cluster.size;
    canonical = cluster.canonical;
  } else {
    Membership m;
    if (Status s = HypotheticalMembership(reader, edges, replaced, &m); !s.ok()) return s;
    answer->cluster_id = m.cluster_id;
    answer->cluster_size = m.size;
    // The query document competes as seq 0, which no stored document has.
    CanonicalKey best = KeyOf(doc);
    for (uint64_t candidate : m.canonical_candidates) {
      DocRecord other;
      bool found = false;
      if (Status s = LoadDoc(reader, candidate, &other, &found); !s.ok()) return s;
      if (found && PreferAsCanonical(KeyOf(other), best)) best = KeyOf(other), canonical = candidate;
    }
  }
  if (canonical == seq) {
    answer->relation = Relation::kCanonical;
    return Status::Ok();
  }
  DocRecord canonical_doc;
  bool found = false;
  if (Status s = LoadDoc(reader, canonical, &canonical_doc, &found); !s.ok()) return s;
  answer->copy_of = canonical_doc.id;
  return ScoreAgainst(reader, canonical, shingles, edges, rules, answer);
}

}  // namespace reprint::store
