#include "index/shared_keys.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <thread>

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

// Counts shared keys between each document of [first, last) and every later
// document, appending accepted pairs in (a, b) order.
void CountRange(const DocumentKeys& docs, const std::vector<uint64_t>& entries, size_t max_posting,
                const AcceptPair& accept, size_t first, size_t last, std::vector<uint64_t>* out) {
  std::vector<uint32_t> counts(docs.documents(), 0);
  std::vector<uint32_t> touched;
  for (size_t d = first; d < last; ++d) {
    const auto doc = static_cast<uint32_t>(d);
    for (uint32_t key : docs.KeysOf(d)) {
      const auto posting_begin = std::lower_bound(entries.begin(), entries.end(), PackEntry(key, 0));
      const auto end = std::upper_bound(posting_begin, entries.end(), PackEntry(key, UINT32_MAX));
      if (static_cast<size_t>(end - posting_begin) > max_posting) continue;
      // Only later documents: start just past (key, doc) itself.
      const auto begin = std::upper_bound(posting_begin, end, PackEntry(key, doc));
      for (auto it = begin; it != end; ++it) {
        const uint32_t other = PairSecond(*it);
        if (counts[other]++ == 0) touched.push_back(other);
      }
    }
    std::sort(touched.begin(), touched.end());
    for (uint32_t other : touched) {
      if (accept(doc, other, counts[other])) out->push_back(PackPair(doc, other));
      counts[other] = 0;
    }
    touched.clear();
  }
}

}  // namespace

std::vector<uint64_t> SharedKeyPairs(const DocumentKeys& docs, size_t max_posting, unsigned threads,
                                     const AcceptPair& accept, JoinStats* stats) {
  const std::vector<uint64_t> entries = BuildPostings(docs, threads);
  const std::vector<uint64_t> chain = ChainPairs(entries, max_posting, stats);
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
      for (size_t c; (c = next.fetch_add(1)) < chunks;)
        CountRange(docs, entries, max_posting, accept, c * chunk, std::min(n, (c + 1) * chunk), &found[c]);
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
