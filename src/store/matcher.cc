#include "store/matcher.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "store/coding.h"
#include "store/postings.h"

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

// The partners a document's postings name, with what each shares. A flat
// linear-probing table kept per thread, because a query meets thousands of
// partners through long postings: std::unordered_map allocated a node for
// each, and those allocations and frees were a third of the query path
// (glibc's malloc_consolidate under concurrent requests).
class PartnerTable {
 public:
  SharedKeys& operator[](uint64_t seq) {
    if (2 * (used_.size() + 1) > slots_.size()) Grow();
    const size_t i = Find(seq);
    if (slots_[i].seq_plus_one == 0) {
      slots_[i].seq_plus_one = seq + 1;
      used_.push_back(static_cast<uint32_t>(i));
    }
    return slots_[i].keys;
  }
  // Calls f(seq, keys) for each partner, in table order.
  template <typename F>
  void ForEach(F&& f) const {
    for (uint32_t i : used_) f(slots_[i].seq_plus_one - 1, slots_[i].keys);
  }
  void Clear() {
    if (slots_.size() > kIdleSlots && 8 * used_.size() < slots_.size()) {
      slots_.assign(kIdleSlots, Slot());  // after a huge query, give the memory back
    } else {
      for (uint32_t i : used_) slots_[i] = Slot();
    }
    used_.clear();
  }

 private:
  static constexpr size_t kIdleSlots = 1024;
  struct Slot {
    uint64_t seq_plus_one = 0;  // 0: free
    SharedKeys keys;
  };
  size_t Find(uint64_t seq) const {
    const size_t mask = slots_.size() - 1;
    size_t i = static_cast<size_t>((seq * 0x9E3779B97F4A7C15ull) >> 20) & mask;
    while (slots_[i].seq_plus_one != 0 && slots_[i].seq_plus_one != seq + 1) i = (i + 1) & mask;
    return i;
  }
  void Grow() {
    std::vector<Slot> old(std::max(kIdleSlots, 2 * slots_.size()));
    old.swap(slots_);
    used_.clear();
    for (const Slot& s : old) {
      if (s.seq_plus_one == 0) continue;
      const size_t i = Find(s.seq_plus_one - 1);
      slots_[i] = s;
      used_.push_back(static_cast<uint32_t>(i));
    }
  }

  std::vector<Slot> slots_;
  std::vector<uint32_t> used_;
};

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
  for (uint64_t seq : candidates) keys.push_back(SeqKey('h', seq));
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

Status FindMatches(StoreReader* reader, const DocRecord& doc, const std::vector<uint32_t>& shingles,
                   const MatchRules& rules, MatchOutcome* out, uint64_t exclude) {
  *out = MatchOutcome();
  std::string value;
  bool found = false;
  if (Status s = reader->Get(Column::kBlobs, ExactKey(doc.exact_hash), &value, &found); !s.ok()) return s;
  std::vector<uint64_t> same_text;
  if (found && !DecodeSeqList(value, &same_text)) return Status::Corruption("exact-hash list");
  std::erase(same_text, exclude);
  out->same_text = same_text;
  if (!same_text.empty()) {
    // Exact copies reach their cluster through the first stored one, as in batch.
    out->exact_representative = same_text.front();
    const double all = 1.0;
    out->edges.push_back({same_text.front(), Relation::kExact, {all, all, doc.shingle_count, doc.shingle_count}});
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
