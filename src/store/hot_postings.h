// HotPostings: the writer's cache of long posting lists, kept current with
// every change it makes (it is the only writer), so matching a new document
// does not re-read them from RocksDB. Long postings are the costly ones:
// sentences that many documents share (boilerplate, wire phrases) build
// lists of hundreds of entries whose merge operands are spread over several
// SST files; with 200,000 documents indexed, reading them was most of the
// writer's time (bench/RESULTS.md).
//
// Thread safety: none; used under the index's write mutex only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace reprint::store {

class HotPostings {
 public:
  explicit HotPostings(size_t budget_bytes) : budget_bytes_(budget_bytes) {}

  // The current posting (committed and pending changes), or null.
  const std::string* Find(std::string_view key) const;
  // Keeps a posting read from the database if it is long enough to pay.
  void Offer(std::string_view key, const std::string& posting);
  // Applies a merge operand to the cached posting, if any.
  void Apply(std::string_view key, std::string_view operand);
  // After a failed commit the cache may hold changes that never happened.
  void Clear();

 private:
  static constexpr size_t kMinEntries = 16;
  size_t budget_bytes_;
  size_t bytes_ = 0;
  std::unordered_map<std::string, std::string> postings_;
};

}  // namespace reprint::store
