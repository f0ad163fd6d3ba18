#include "store/postings.h"

#include <rocksdb/merge_operator.h>

#include <cstring>

#include "store/coding.h"

namespace reprint::store {
namespace {

constexpr char kAdd = '+';
constexpr char kRemove = '-';

uint64_t LoadEntry(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

void AppendEntry(std::string* out, uint64_t v) { out->append(reinterpret_cast<const char*>(&v), 8); }

class PostingMergeOperator : public rocksdb::MergeOperator {
 public:
  bool FullMergeV2(const MergeOperationInput& in, MergeOperationOutput* out) const override {
    // new_value may hold an earlier key's result (an iterator reuses its
    // buffer from key to key): it is set here whole, never appended to.
    std::string& posting = out->new_value;
    if (in.existing_value != nullptr) posting.assign(in.existing_value->data(), in.existing_value->size());
    else posting.clear();
    for (const rocksdb::Slice& operand : in.operand_list) ApplyOperand({operand.data(), operand.size()}, &posting);
    return true;
  }
  const char* Name() const override { return "reprint.PostingMergeOperator.v1"; }
};

}  // namespace

std::string PostingKey(KeyFamily family, uint32_t key) {
  std::string out(1, static_cast<char>(family));
  PutBigEndian32(&out, key);
  return out;
}

size_t PostingLength(std::string_view posting) { return posting.size() / 8; }

PostingEntry PostingAt(std::string_view posting, size_t i) { return UnpackEntry(LoadEntry(posting.data() + 8 * i)); }

std::string AddOperand(PostingEntry entry) {
  std::string out(1, kAdd);
  AppendEntry(&out, PackEntry(entry));
  return out;
}

std::string RemoveOperand(uint64_t seq) {
  std::string out(1, kRemove);
  AppendEntry(&out, seq);
  return out;
}

void ApplyOperand(std::string_view operand, std::string* posting) {
  if (operand.size() != 9) return;  // not an operand this version wrote: ignored rather than corrupting the list
  const uint64_t value = LoadEntry(operand.data() + 1);
  if (operand[0] == kAdd) {
    AppendEntry(posting, value);
    return;
  }
  if (operand[0] != kRemove) return;
  size_t kept = 0;
  for (size_t i = 0; i + 8 <= posting->size(); i += 8) {
    const uint64_t entry = LoadEntry(posting->data() + i);
    if ((entry >> 16) == value) continue;
    if (kept != i) std::memcpy(posting->data() + kept, posting->data() + i, 8);
    kept += 8;
  }
  posting->resize(kept);
}

std::shared_ptr<rocksdb::MergeOperator> NewPostingMergeOperator() { return std::make_shared<PostingMergeOperator>(); }

}  // namespace reprint::store
