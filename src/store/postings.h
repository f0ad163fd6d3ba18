// Posting lists of the copy index: for each candidate key (LSH band,
// containment anchor, lead shingle), the documents holding it.
//
// A posting is a packed array of 8-byte entries: the document's seq (48 bits)
// and 16 bits the candidate rules need about it without reading its record
// (its anchor count; for leads also its lead count). Entries are added and
// removed with RocksDB merge operands, so indexing a document writes a few
// bytes per key instead of rewriting every list it joins.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace rocksdb {
class MergeOperator;
}

namespace reprint::store {

enum class KeyFamily : char { kBand = 'b', kAnchor = 'a', kLead = 'l' };

std::string PostingKey(KeyFamily family, uint32_t key);

struct PostingEntry {
  uint64_t seq = 0;
  uint16_t aux = 0;
};

inline uint64_t PackEntry(PostingEntry e) { return (e.seq << 16) | e.aux; }
inline PostingEntry UnpackEntry(uint64_t packed) { return {packed >> 16, static_cast<uint16_t>(packed)}; }

size_t PostingLength(std::string_view posting);
PostingEntry PostingAt(std::string_view posting, size_t i);

// Merge operands.
std::string AddOperand(PostingEntry entry);
std::string RemoveOperand(uint64_t seq);
// Applies operands to a posting (the merge operator's work, also used to
// overlay a write group's pending operands on what the database holds).
void ApplyOperand(std::string_view operand, std::string* posting);

std::shared_ptr<rocksdb::MergeOperator> NewPostingMergeOperator();

}  // namespace reprint::store
