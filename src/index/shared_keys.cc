#include "index/shared_keys.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <thread>

#include "util/flat_map.h"

namespace reprint::index {
namespace {

inline uint64_t PackEntry(uint32_t key, uint32_t doc) { return (uint64_t{key} << 32) | doc; }

// All (key, doc) entries sorted: the postings of each key are contiguous.
std::vector<uint64_t> BuildPostings(const DocumentKeys& docs, unsigned threads) {
  std::vector<uint64_t> entries;
  entries.reserve(docs.total_keys());
  for (size_t d = 0; d < docs.documents(); ++d)
    for (uint32_t key : docs.KeysOf(d)) entries.push_back(PackEntry(key, static_cast<uint32_t>(d)));
  ParallelSort(&entries, threads);
  return entries;
}

// Links the documents of each over-long posting as a chain.
std::vector<uint64_t> ChainPairs(const std::vector<uint64_t>& entries, size_t max_posting, JoinStats* stats) {
  std::vector<uint64_t> chain;
  for (size_t begin = 0; begin < entries.size();) {
    const uint32_t key = PairFirst(entries[begin]);
    size_t end = begin + 1;
    while (end < entries.size() && PairFirst(entries[end]) == key) ++end;
    if (end - begin > max_posting) {
      ++stats->capped_postings;
      for (size_t i = begin + 1; i < end; ++i) chain.push_back(PackPair(PairSecond(entries[i - 1]), PairSecond(entries[i])));
    }
    begin = end;
  }
  std::sort(chain.begin(), chain.end());
  return chain;
}

// For every key of every document (in DocumentKeys order), the later
// documents sharing it: entries (own entry + 1, posting end) in the sorted
// entries, or an empty range when the posting is over-long. Computed in one
// sequential pass over the sorted entries, so counting needs no search: a
// per-key lookup in a large sorted array would miss the cache several times.
struct LaterRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

std::vector<LaterRange> LaterRanges(const DocumentKeys& docs, const std::vector<uint64_t>& entries,
                                    size_t max_posting) {
  std::vector<LaterRange> ranges(docs.total_keys());
  // A document's keys are sorted, so its entries come in the same order as
  // its keys: the k-th entry met for a document is its k-th key.
  std::vector<uint32_t> seen(docs.documents(), 0);
  for (size_t begin = 0; begin < entries.size();) {
    const uint32_t key = PairFirst(entries[begin]);
    size_t end = begin + 1;
    while (end < entries.size() && PairFirst(entries[end]) == key) ++end;
    const bool counted = end - begin <= max_posting;
    for (size_t i = begin; i < end; ++i) {
      const uint32_t doc = PairSecond(entries[i]);
      const size_t slot = docs.FirstSlot(doc) + seen[doc]++;
      ranges[slot] = counted ? LaterRange{static_cast<uint32_t>(i + 1), static_cast<uint32_t>(end)} : LaterRange{};
    }
    begin = end;
  }
  return ranges;
}

// Per-document tally of shared keys by partner, in a flat table that stays in
// L1 cache: a dense array over all documents would take a cache miss per
// increment once the corpus has millions of documents. Document numbers are
// below UINT32_MAX.
using PartnerCounts = FlatMap<uint32_t, uint32_t, UINT32_MAX>;
constexpr size_t kIdlePartnerSlots = 2048;  // 16 KB

// Counts shared keys between each document of [first, last) and every later
// document, appending accepted pairs in (a, b) order.
void CountRange(const DocumentKeys& docs, const std::vector<uint64_t>& entries, const std::vector<LaterRange>& ranges,
                const std::vector<bool>& few_keys, uint32_t min_shared, const AcceptPair& accept, size_t first,
                size_t last, PartnerCounts& counts, std::vector<uint64_t>* out) {
  for (size_t d = first; d < last; ++d) {
    const auto doc = static_cast<uint32_t>(d);
    const size_t first_slot = docs.FirstSlot(d);
    for (size_t slot = first_slot; slot < first_slot + docs.KeysOf(d).size(); ++slot)
      for (uint32_t it = ranges[slot].begin; it < ranges[slot].end; ++it) ++counts[PairSecond(entries[it])];
    // Partners come out in table order: only the few accepted pairs are
    // sorted, once per document, which keeps the output deterministic.
    const size_t found_before = out->size();
    const uint32_t own_keys = docs.KeyCount(d);
    const bool own_few = own_keys < min_shared;
    counts.ForEach([&](uint32_t other, uint32_t shared) {
      // Most partners share one common key: reject them without calling the
      // rule or touching their key count.
      if (shared < min_shared && !own_few && !few_keys[other]) return;
      if (accept(doc, other, shared, own_keys, docs.KeyCount(other))) out->push_back(PackPair(doc, other));
    });
    std::sort(out->begin() + static_cast<std::ptrdiff_t>(found_before), out->end());
    counts.Clear();
  }
}

}  // namespace

std::vector<uint64_t> SharedKeyPairs(const DocumentKeys& docs, uint32_t min_shared, size_t max_posting,
                                     unsigned threads, const AcceptPair& accept, JoinStats* stats) {
  const std::vector<uint64_t> entries = BuildPostings(docs, threads);
  std::vector<bool> few_keys(docs.documents());
  for (size_t d = 0; d < docs.documents(); ++d) few_keys[d] = docs.KeyCount(d) < min_shared;
  const std::vector<uint64_t> chain = ChainPairs(entries, max_posting, stats);
  const std::vector<LaterRange> ranges = LaterRanges(docs, entries, max_posting);
  // Fixed chunks, not one per thread, so that the split (and so the output
  // order before merging) does not depend on the thread count.
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
        CountRange(docs, entries, ranges, few_keys, min_shared, accept, c * chunk, std::min(n, (c + 1) * chunk),
                   counts, &found[c]);
    });
  }
  for (auto& w : workers) w.join();
  std::vector<uint64_t> pairs;
  for (const auto& part : found) pairs.insert(pairs.end(), part.begin(), part.end());
  std::vector<uint64_t> all;
  all.reserve(pairs.size() + chain.size());
  std::set_union(pairs.begin(), pairs.end(), chain.begin(), chain.end(), std::back_inserter(all));
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

void ParallelSort(std::vector<uint64_t>* values, unsigned threads) {
  const size_t n = values->size();
  if (threads <= 1 || n < (size_t{1} << 16)) {
    std::sort(values->begin(), values->end());
    return;
  }
  std::vector<size_t> bounds;
  for (unsigned t = 0; t <= threads; ++t) bounds.push_back(n * t / threads);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([values, &bounds, t] {
      std::sort(values->begin() + static_cast<std::ptrdiff_t>(bounds[t]),
                values->begin() + static_cast<std::ptrdiff_t>(bounds[t + 1]));
    });
  }
  for (auto& w : workers) w.join();
  for (unsigned t = 1; t < threads; ++t) {
    std::inplace_merge(values->begin(), values->begin() + static_cast<std::ptrdiff_t>(bounds[t]),
                       values->begin() + static_cast<std::ptrdiff_t>(bounds[t + 1]));
  }
}

}  // namespace reprint::index
