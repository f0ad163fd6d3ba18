#include "index/bucket_join.h"

#include <algorithm>
#include <thread>

namespace reprint::index {

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

void JoinBuckets(std::vector<uint64_t>* entries, size_t max_bucket, unsigned threads,
                 std::vector<uint64_t>* pairs, JoinStats* stats) {
  ParallelSort(entries, threads);
  const std::vector<uint64_t>& e = *entries;
  std::vector<uint32_t> docs;
  size_t begin = 0;
  while (begin < e.size()) {
    const uint32_t key = PairFirst(e[begin]);
    size_t end = begin + 1;
    while (end < e.size() && PairFirst(e[end]) == key) ++end;
    // A document may repeat a key (two of its bands collide): skip repeats.
    docs.clear();
    for (size_t i = begin; i < end; ++i) {
      uint32_t doc = PairSecond(e[i]);
      if (docs.empty() || docs.back() != doc) docs.push_back(doc);
    }
    if (docs.size() >= 2) {
      ++stats->buckets;
      if (docs.size() > max_bucket) {
        ++stats->capped_buckets;
        for (size_t i = 1; i < docs.size(); ++i) pairs->push_back(PackPair(docs[i - 1], docs[i]));
      } else {
        for (size_t i = 0; i < docs.size(); ++i)
          for (size_t j = i + 1; j < docs.size(); ++j) pairs->push_back(PackPair(docs[i], docs[j]));
      }
    }
    begin = end;
  }
}

void CountPairs(std::vector<uint64_t>* pairs, unsigned threads, std::vector<uint32_t>* counts) {
  ParallelSort(pairs, threads);
  if (counts) counts->clear();
  size_t out = 0;
  for (size_t i = 0; i < pairs->size();) {
    size_t j = i + 1;
    while (j < pairs->size() && (*pairs)[j] == (*pairs)[i]) ++j;
    (*pairs)[out++] = (*pairs)[i];
    if (counts) counts->push_back(static_cast<uint32_t>(j - i));
    i = j;
  }
  pairs->resize(out);
}

}  // namespace reprint::index
