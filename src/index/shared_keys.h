// Batch candidate generation: pairs of documents that share keys (LSH band
// keys, containment anchors, lead shingles), found through an inverted index
// built by sorting (key, doc) entries.
//
// Each document walks the postings of its own keys and counts, per later
// document, how many keys they share; an `accept` rule then decides. Unlike
// expanding every bucket into all its pairs, memory stays at the entries
// themselves however many keys copies share.
//
// Work grows with the square of posting lengths, so long postings are
// treated apart:
//   - A common key (posting longer than common_posting: a sentence reused
//     across many unrelated texts, like boilerplate) adds to the count of
//     partners already met through rarer keys (by merging the two documents'
//     keys, not by walking the posting), but does not make new ones:
//     a shared common sentence alone is no evidence of copying. Documents
//     with fewer than min_shared rare keys (made only of common text, or a
//     copy in a very large cluster) are the exception: every key of theirs
//     finds partners, earlier and later, so their pairs are still seen.
//   - A posting longer than max_posting (degenerate band keys) is not counted
//     at all; its documents are linked as a chain of consecutive pairs, so
//     true copies among them still reach verification. Such postings are
//     reported in JoinStats.
#pragma once

#include <cstddef>
#include <algorithm>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace reprint::index {

inline uint64_t PackPair(uint32_t a, uint32_t b) { return (uint64_t{a} << 32) | b; }
inline uint32_t PairFirst(uint64_t pair) { return static_cast<uint32_t>(pair >> 32); }
inline uint32_t PairSecond(uint64_t pair) { return static_cast<uint32_t>(pair); }

// The keys of documents 0..n-1, stored one after another.
class DocumentKeys {
 public:
  DocumentKeys() : offsets_{0} {}
  // REQUIRES: keys distinct. Documents are numbered in the order added; each
  // document's keys are kept sorted.
  void Add(std::span<const uint32_t> keys) {
    const auto first = static_cast<std::ptrdiff_t>(keys_.size());
    keys_.insert(keys_.end(), keys.begin(), keys.end());
    if (!std::is_sorted(keys_.begin() + first, keys_.end())) std::sort(keys_.begin() + first, keys_.end());
    offsets_.push_back(keys_.size());
    counts_.push_back(static_cast<uint16_t>(std::min<size_t>(keys.size(), UINT16_MAX)));
  }
  // The number of keys of `doc` (saturating at 65535). A dense array: rules
  // look it up for every partner, where offsets_ would miss the cache.
  uint32_t KeyCount(size_t doc) const { return counts_[doc]; }
  size_t documents() const { return offsets_.size() - 1; }
  std::span<const uint32_t> KeysOf(size_t doc) const {
    return {keys_.data() + offsets_[doc], static_cast<size_t>(offsets_[doc + 1] - offsets_[doc])};
  }
  size_t total_keys() const { return keys_.size(); }
  // Position of the document's first key among all keys.
  size_t FirstSlot(size_t doc) const { return static_cast<size_t>(offsets_[doc]); }
  void Clear() {
    std::vector<uint32_t>().swap(keys_);
    std::vector<uint16_t>().swap(counts_);
    offsets_.assign(1, 0);
  }

 private:
  std::vector<uint32_t> keys_;
  std::vector<uint64_t> offsets_;
  std::vector<uint16_t> counts_;
};

struct JoinStats {
  uint64_t capped_postings = 0;
};

// Returns true iff documents a < b, which have keys_a and keys_b keys and
// share `shared` of them, are candidates.
using AcceptPair =
    std::function<bool(uint32_t a, uint32_t b, uint32_t shared, uint32_t keys_a, uint32_t keys_b)>;

struct JoinLimits {
  uint32_t min_shared = 1;
  size_t common_posting = SIZE_MAX;  // longer postings are common keys
  size_t max_posting = SIZE_MAX;     // longer postings are chained, not counted
};

// Returns the accepted pairs plus the chain pairs of over-long postings, as
// PackPair(a, b) with a < b, sorted and distinct. Deterministic for any
// thread count. REQUIRES: fewer than 2^32 keys in all (the entries are
// addressed with 32 bits). `accept` is only asked about pairs sharing at least
// min(min_shared, keys_a, keys_b) keys: the rule promises to refuse the rest.
// `shared` counts every shared key that is not chained. The rule must be
// monotone: accepting a count means accepting any larger one.
std::vector<uint64_t> SharedKeyPairs(const DocumentKeys& docs, const JoinLimits& limits, unsigned threads,
                                     const AcceptPair& accept, JoinStats* stats);

}  // namespace reprint::index
