#include "store/hot_postings.h"

#include "store/postings.h"

namespace reprint::store {

const std::string* HotPostings::Find(std::string_view key) const {
  auto it = postings_.find(std::string(key));
  return it == postings_.end() ? nullptr : &it->second;
}

void HotPostings::Offer(std::string_view key, const std::string& posting) {
  if (budget_bytes_ == 0 || PostingLength(posting) < kMinEntries) return;
  // Cheaper than tracking recency, and the hot keys come back at once.
  if (bytes_ + posting.size() + key.size() > budget_bytes_) Clear();
  bytes_ += posting.size() + key.size();
  postings_.emplace(std::string(key), posting);
}

void HotPostings::Apply(std::string_view key, std::string_view operand) {
  auto it = postings_.find(std::string(key));
  if (it == postings_.end()) return;
  bytes_ -= it->second.size();
  ApplyOperand(operand, &it->second);
  bytes_ += it->second.size();
}

void HotPostings::Clear() {
  postings_.clear();
  bytes_ = 0;
}

}  // namespace reprint::store
