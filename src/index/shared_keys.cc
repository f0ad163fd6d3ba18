#include "index/shared_keys.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "util/flat_map.h"
#include "util/radix_sort.h"

namespace reprint::index {
namespace {

inline uint64_t PackEntry(uint32_t key, uint32_t doc) { return (uint64_t{key} << 32) | doc; }

// All (key, doc) entries sorted: the postings of each key are contiguous.
// Entries are made in document order, so a stable sort by key suffices.
std::vector<uint64_t> BuildPostings(const DocumentKeys& docs) {
  std::vector<uint64_t> entries;
  entries.reserve(docs.total_keys());
  for (size_t d = 0; d < docs.documents(); ++d)
    for (uint32_t key : docs.KeysOf(d)) entries.push_back(PackEntry(key, static_cast<uint32_t>(d)));
  StableRadixSortByHigh32(&entries);
  return entries;
}

// For every key of every document (in DocumentKeys order), where its
// posting lies in the sorted entries and how it is used. Computed in one
// sequential pass over the sorted entries, so counting needs no search: a
// per-key lookup in a large sorted array would miss the cache several times.
enum class KeyUse : uint8_t { kCounted, kCommon, kChained };

// Postings that are counted are at most kMaxCountedPosting long, so offsets
// within one fit 16 bits and a slot 8 bytes (there are tens of millions).
constexpr size_t kMaxCountedPosting = UINT16_MAX;

struct PostingSlot {
  uint32_t own = 0;          // the document's own entry
  uint16_t after_own = 0;    // entries after it in the posting
  uint16_t before_own = 0;   // entries before it
  uint32_t begin() const { return own - before_own; }
  uint32_t end() const { return own + 1 + after_own; }
};

struct KeyPostings {
  std::vector<PostingSlot> slots;
  std::vector<KeyUse> use;
  // Per document, saturating: its counted keys and its common keys.
  std::vector<uint16_t> rare_keys;
  std::vector<uint16_t> common_keys;
};

// Also links the documents of each over-long posting as a chain (*chain,
// sorted) and counts those postings.
KeyPostings LocatePostings(const DocumentKeys& docs, const std::vector<uint64_t>& entries, const JoinLimits& limits,
                           std::vector<uint64_t>* chain, JoinStats* stats) {
  KeyPostings out;
  out.slots.resize(docs.total_keys());
  out.use.resize(docs.total_keys());
  out.rare_keys.assign(docs.documents(), 0);
  out.common_keys.assign(docs.documents(), 0);
  // A document's keys are sorted, so its entries come in the same order as
  // its keys: the k-th entry met for a document is its k-th key. One array
  // of next slots, so each entry touches one per-document value: the
  // documents of a posting are scattered over the whole corpus.
  std::vector<uint32_t> next_slot(docs.documents());
  for (size_t d = 0; d < docs.documents(); ++d) next_slot[d] = static_cast<uint32_t>(docs.FirstSlot(d));
  for (size_t begin = 0; begin < entries.size();) {
    const uint32_t key = PairFirst(entries[begin]);
    size_t end = begin + 1;
    while (end < entries.size() && PairFirst(entries[end]) == key) ++end;
    const size_t length = end - begin;
    const KeyUse use = length > limits.max_posting      ? KeyUse::kChained
                       : length > limits.common_posting ? KeyUse::kCommon
                                                        : KeyUse::kCounted;
    if (use == KeyUse::kChained) {
      ++stats->capped_postings;
      for (size_t i = begin + 1; i < end; ++i) chain->push_back(PackPair(PairSecond(entries[i - 1]), PairSecond(entries[i])));
    }
    for (size_t i = begin; i < end; ++i) {
      const uint32_t slot = next_slot[PairSecond(entries[i])]++;
      out.use[slot] = use;
      if (use != KeyUse::kChained)
        out.slots[slot] = {static_cast<uint32_t>(i), static_cast<uint16_t>(end - i - 1), static_cast<uint16_t>(i - begin)};
    }
    begin = end;
  }
  std::sort(chain->begin(), chain->end());
  for (size_t d = 0; d < docs.documents(); ++d) {
    for (size_t slot = docs.FirstSlot(d); slot < docs.FirstSlot(d) + docs.KeysOf(d).size(); ++slot) {
      if (out.use[slot] == KeyUse::kChained) continue;
      uint16_t& tally = out.use[slot] == KeyUse::kCounted ? out.rare_keys[d] : out.common_keys[d];
      if (tally < UINT16_MAX) ++tally;
    }
  }
  return out;
}

// Per-document tally of partners, in a flat table that stays in L1 cache: a
// dense array over all documents would take a cache miss per increment once
// the corpus has millions of documents. Document numbers are below
// UINT32_MAX. The low half of a value counts meetings through rare keys (all
// keys for a document that meets all), the high half through hubs: 32 bits
// each, as copies of a long text share more than 65,535 keys.
using PartnerCounts = FlatMap<uint32_t, uint64_t, UINT32_MAX>;
constexpr size_t kIdlePartnerSlots = 2048;  // 32 KB
constexpr uint64_t kHubMeeting = uint64_t{1} << 32;

// The first documents of a common key's posting: every other document with
// the key meets them. Copies in a cluster larger than common_posting share
// their earliest members as hubs on many keys, which makes them partners;
// texts that merely reuse one common sentence meet its hubs once.
constexpr uint32_t kHubsPerPosting = 2;

struct JoinInput {
  const DocumentKeys& docs;
  const std::vector<uint64_t>& entries;
  const KeyPostings& postings;
  const std::vector<bool>& few_keys;
  uint32_t min_shared;
  const AcceptPair& accept;
};

bool MeetsAll(const JoinInput& in, uint32_t doc) { return in.postings.rare_keys[doc] < in.min_shared; }

void MeetEntries(const JoinInput& in, uint32_t from, uint32_t to, uint32_t skip, uint64_t weight,
                 PartnerCounts& counts) {
  for (uint32_t it = from; it < to; ++it)
    if (it != skip) counts[PairSecond(in.entries[it])] += weight;
}

// Tallies the partners of `doc`: later documents through rare keys, and the
// hubs of common keys. A document with too few rare keys meets every
// document through every key instead, so its pairs are counted exactly.
void TallyPartners(const JoinInput& in, uint32_t doc, PartnerCounts& counts) {
  const size_t first_slot = in.docs.FirstSlot(doc);
  const size_t last_slot = first_slot + in.docs.KeysOf(doc).size();
  const bool meets_all = MeetsAll(in, doc);
  for (size_t slot = first_slot; slot < last_slot; ++slot) {
    const PostingSlot& p = in.postings.slots[slot];
    switch (in.postings.use[slot]) {
      case KeyUse::kChained:
        break;
      case KeyUse::kCounted:
        MeetEntries(in, meets_all ? p.begin() : p.own + 1, p.end(), p.own, 1, counts);
        break;
      case KeyUse::kCommon:
        if (meets_all) {
          MeetEntries(in, p.begin(), p.end(), p.own, 1, counts);
        } else {
          MeetEntries(in, p.begin(), std::min(p.end(), p.begin() + kHubsPerPosting), p.own, kHubMeeting, counts);
        }
        break;
    }
  }
}

// The keys documents a and b share, except chained ones, by merging their
// sorted keys: walking common postings instead would cost their full length.
uint32_t SharedKeys(const JoinInput& in, uint32_t a, uint32_t b) {
  const std::span<const uint32_t> keys_a = in.docs.KeysOf(a), keys_b = in.docs.KeysOf(b);
  const size_t first_a = in.docs.FirstSlot(a);
  uint32_t shared = 0;
  for (size_t i = 0, j = 0; i < keys_a.size() && j < keys_b.size();) {
    if (keys_a[i] < keys_b[j]) {
      ++i;
    } else if (keys_b[j] < keys_a[i]) {
      ++j;
    } else {
      shared += in.postings.use[first_a + i] != KeyUse::kChained;
      ++i, ++j;
    }
  }
  return shared;
}

// Decides a partner of `doc` met `tally` times. Meetings of a document that
// meets all are an exact count. A partner met through a rare key gets its
// shared keys counted by merging (unless neither has common keys, when the
// tally is exact). Hub meetings alone are a lower bound on the shared keys
// (each was a shared common key): enough to accept a pair, as the rule is
// monotone, and most partners met that way are strangers, not worth a merge.
bool Accepted(const JoinInput& in, uint32_t doc, uint32_t other, uint64_t tally) {
  const uint32_t a = std::min(doc, other), b = std::max(doc, other);
  const uint32_t keys_a = in.docs.KeyCount(a), keys_b = in.docs.KeyCount(b);
  const auto rare = static_cast<uint32_t>(tally), hubs = static_cast<uint32_t>(tally >> 32);
  if (MeetsAll(in, doc)) return in.accept(a, b, rare, keys_a, keys_b);
  if (rare == 0) return hubs >= in.min_shared && in.accept(a, b, hubs, keys_a, keys_b);
  const bool exact = std::min(in.postings.common_keys[a], in.postings.common_keys[b]) == 0;
  return in.accept(a, b, exact ? rare : SharedKeys(in, a, b), keys_a, keys_b);
}

// Counts shared keys between each document of [first, last) and its
// partners, appending accepted pairs as (smaller, larger) document numbers.
void CountRange(const JoinInput& in, size_t first, size_t last, PartnerCounts& counts, std::vector<uint64_t>* out) {
  for (size_t d = first; d < last; ++d) {
    const auto doc = static_cast<uint32_t>(d);
    TallyPartners(in, doc, counts);
    const bool own_few = in.docs.KeyCount(d) < in.min_shared;
    const bool exact_tally = MeetsAll(in, doc);
    counts.ForEach([&](uint32_t other, uint64_t tally) {
      // Most partners share one key: reject them without calling the rule
      // or touching their key count.
      if (exact_tally && tally < in.min_shared && !own_few && !in.few_keys[other]) return;
      if (Accepted(in, doc, other, tally)) out->push_back(PackPair(std::min(doc, other), std::max(doc, other)));
    });
    counts.Clear();
  }
}

}  // namespace

std::vector<uint64_t> SharedKeyPairs(const DocumentKeys& docs, const JoinLimits& limits, unsigned threads,
                                     const AcceptPair& accept, JoinStats* stats) {
  const std::vector<uint64_t> entries = BuildPostings(docs);
  std::vector<bool> few_keys(docs.documents());
  for (size_t d = 0; d < docs.documents(); ++d) few_keys[d] = docs.KeyCount(d) < limits.min_shared;
  // Longer postings than slots can address are chained like over-long ones.
  JoinLimits effective = limits;
  effective.max_posting = std::min(limits.max_posting, kMaxCountedPosting);
  std::vector<uint64_t> chain;
  const KeyPostings postings = LocatePostings(docs, entries, effective, &chain, stats);
  const JoinInput input{docs, entries, postings, few_keys, limits.min_shared, accept};
  // Fixed chunks, not one per thread, so that the split (and so the output
  // before the final sort) does not depend on the thread count.
  const size_t n = docs.documents();
  const size_t chunk = std::max<size_t>(1, (n + 63) / 64);
  const size_t chunks = (n + chunk - 1) / chunk;
  std::vector<std::vector<uint64_t>> found(chunks);
  std::vector<std::thread> workers;
  std::atomic<size_t> next{0};
  const unsigned worker_count = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(chunks)));
  for (unsigned t = 0; t < worker_count; ++t) {
    workers.emplace_back([&] {
      PartnerCounts counts(kIdlePartnerSlots);
      for (size_t c; (c = next.fetch_add(1)) < chunks;)
        CountRange(input, c * chunk, std::min(n, (c + 1) * chunk), counts, &found[c]);
    });
  }
  for (auto& w : workers) w.join();
  std::vector<uint64_t> all = std::move(chain);
  for (const auto& part : found) all.insert(all.end(), part.begin(), part.end());
  // A pair can be found from both of its documents.
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

}  // namespace reprint::index
