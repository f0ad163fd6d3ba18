#include "store/matcher.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "store/chunked_list.h"
#include "store/coding.h"
#include "store/postings.h"
#include "util/flat_map.h"

namespace reprint::store {
namespace {

struct SharedKeys {
  bool band = false;
  uint32_t anchors = 0;
  uint32_t leads = 0;
  uint16_t anchor_aux = 0;
  uint16_t lead_aux = 0;
};

// The rules of pipeline/candidates.cc, with this document as one side.
bool AcceptAnchors(const SharedKeys& s, const DocRecord& doc, const MatchRules& rules) {
  if (s.anchors < static_cast<uint32_t>(rules.min_shared_anchors)) return false;
  const size_t smaller = std::min<size_t>(doc.anchors.size(), s.anchor_aux);
  const size_t needed = std::min<size_t>(static_cast<size_t>(rules.min_shared_anchors), smaller);
  return smaller > 0 && s.anchors >= needed && s.anchors >= rules.min_anchor_fraction * static_cast<double>(smaller);
}

bool AcceptLeads(const SharedKeys& s, const DocRecord& doc, const MatchRules& rules) {
  if (s.leads < 2) return false;
  const size_t partner_anchors = s.lead_aux >> 4, partner_leads = s.lead_aux & 15u;
  const size_t fewest_anchors = std::min(doc.anchors.size(), partner_anchors);
  if (fewest_anchors >= 2 * static_cast<size_t>(rules.min_shared_anchors)) return false;
  return s.leads >= std::min<size_t>(2, std::min(doc.leads.size(), partner_leads));
}

// The partners a document's postings name, with what each shares: a query
// meets thousands through long postings, and a std::unordered_map node for
// each was a third of the query path (glibc's malloc_consolidate under
// concurrent requests). Sequence numbers are below UINT64_MAX.
using PartnerTable = FlatMap<uint64_t, SharedKeys, UINT64_MAX>;

void AppendKeys(KeyFamily family, const std::vector<uint32_t>& keys, std::vector<std::string>* out) {
  for (uint32_t k : keys) out->push_back(PostingKey(family, k));
}

Status CountSharedKeys(StoreReader* reader, const DocRecord& doc, const MatchRules& rules, MatchOutcome* out,
                       PartnerTable* shared) {
  std::vector<std::string> keys;
  AppendKeys(KeyFamily::kBand, doc.band_keys, &keys);
  AppendKeys(KeyFamily::kAnchor, doc.anchors, &keys);
  AppendKeys(KeyFamily::kLead, doc.leads, &keys);
  std::vector<std::optional<std::string>> postings;
  if (Status s = reader->MultiGet(Column::kPostings, keys, &postings); !s.ok()) return s;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (!postings[i]) continue;
    const std::string_view posting = *postings[i];
    const size_t n = PostingLength(posting);
    // Over-full postings hold boilerplate: counting them is quadratic work
    // for pairs that the other keys find anyway (as in the batch join).
    if (n >= rules.max_bucket) {
      out->full_keys.push_back(keys[i]);
      continue;
    }
    if (n + 1 == rules.max_bucket) out->almost_full_keys.push_back(keys[i]);
    const auto family = static_cast<KeyFamily>(keys[i][0]);
    for (size_t j = 0; j < n; ++j) {
      const PostingEntry e = PostingAt(posting, j);
      SharedKeys& s = (*shared)[e.seq];
      if (family == KeyFamily::kBand) s.band = true;
      if (family == KeyFamily::kAnchor) ++s.anchors, s.anchor_aux = e.aux;
      if (family == KeyFamily::kLead) ++s.leads, s.lead_aux = e.aux;
    }
  }
  return Status::Ok();
}

Status Verify(StoreReader* reader, const std::vector<uint64_t>& candidates, const std::vector<uint32_t>& shingles,
              const MatchRules& rules, EdgeList* edges) {
  std::vector<std::string> keys;
  for (uint64_t seq : candidates) keys.push_back(BlobKey(seq, BlobKind::kShingles));
  std::vector<std::optional<std::string>> blobs;
  if (Status s = reader->MultiGet(Column::kBlobs, keys, &blobs); !s.ok()) return s;
  std::vector<uint32_t> other;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!blobs[i]) continue;  // removed since its posting was read
    if (!DecodeShingles(*blobs[i], &other)) return Status::Corruption("shingle set of document #" + std::to_string(candidates[i]));
    PairScores scores = CompareShingleSets(shingles, other);
    Relation relation = ClassifyPair(scores, false, rules.thresholds);
    if (relation != Relation::kUnrelated) edges->push_back({candidates[i], relation, scores});
  }
  return Status::Ok();
}

}  // namespace

uint16_t AnchorAux(const DocRecord& doc) { return static_cast<uint16_t>(std::min<size_t>(doc.anchors.size(), 65535)); }

uint16_t LeadAux(const DocRecord& doc) {
  return static_cast<uint16_t>((std::min<size_t>(doc.anchors.size(), 4095) << 4) | std::min<size_t>(doc.leads.size(), 15));
}

std::string ExactKey(uint64_t exact_hash) {
  std::string key(1, 'q');
  PutBigEndian64(&key, exact_hash);
  return key;
}

Status FirstWithSameText(StoreReader* reader, uint64_t exact_hash, uint64_t exclude, uint64_t* first) {
  *first = 0;
  const std::string key = ExactKey(exact_hash);
  ChunkedHeader header;
  if (Status s = LoadChunkedHeader(reader, Column::kMeta, key, &header); !s.ok()) return s;
  std::vector<uint64_t> chunk;
  for (uint32_t c = 0; c < header.chunks && *first == 0; ++c) {
    if (Status s = SeqChunks::LoadChunk(reader, Column::kMeta, key, c, &chunk); !s.ok()) return s;
    for (uint64_t seq : chunk)
      if (seq != exclude) {
        *first = seq;
        break;
      }
  }
  return Status::Ok();
}

Status FindMatches(StoreReader* reader, const DocRecord& doc, const std::vector<uint32_t>& shingles,
                   const MatchRules& rules, MatchOutcome* out, uint64_t exclude) {
  *out = MatchOutcome();
  if (Status s = FirstWithSameText(reader, doc.exact_hash, exclude, &out->exact_representative); !s.ok()) return s;
  if (out->exact_representative != 0) {
    // Exact copies reach their cluster through the first stored one, as in batch.
    const double all = 1.0;
    out->edges.push_back(
        {out->exact_representative, Relation::kExact, {all, all, doc.shingle_count, doc.shingle_count}});
    return Status::Ok();
  }
  thread_local PartnerTable shared;
  shared.Clear();
  if (Status s = CountSharedKeys(reader, doc, rules, out, &shared); !s.ok()) return s;
  std::vector<uint64_t> candidates;
  shared.ForEach([&](uint64_t seq, const SharedKeys& s) {
    if (seq != exclude && (s.band || AcceptAnchors(s, doc, rules) || AcceptLeads(s, doc, rules)))
      candidates.push_back(seq);
  });
  std::sort(candidates.begin(), candidates.end());
  return Verify(reader, candidates, shingles, rules, &out->edges);
}

}  // namespace reprint::store
