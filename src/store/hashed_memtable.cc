#include "store/hashed_memtable.h"

#include <rocksdb/slice_transform.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <new>
#include <vector>

namespace reprint::store {
namespace {

using rocksdb::MemTableRep;
using rocksdb::Slice;

// Placed right before its entry (the length-prefixed internal key and value).
struct Node {
  std::atomic<Node*> next{nullptr};
  const char* entry() const { return reinterpret_cast<const char*>(this + 1); }
};

class HashedRep final : public MemTableRep {
 public:
  HashedRep(const KeyComparator& compare, rocksdb::Allocator* allocator, const rocksdb::SliceTransform* transform,
            size_t bucket_count)
      : MemTableRep(allocator),
        compare_(compare),
        transform_(transform),
        bucket_count_(bucket_count),
        buckets_(new std::atomic<Node*>[bucket_count]) {
    for (size_t i = 0; i < bucket_count_; ++i) buckets_[i].store(nullptr, std::memory_order_relaxed);
  }

  rocksdb::KeyHandle Allocate(const size_t len, char** buf) override {
    char* raw = nullptr;
    MemTableRep::Allocate(len + sizeof(Node) + alignof(Node) - 1, &raw);
    void* aligned = raw;
    size_t space = len + sizeof(Node) + alignof(Node) - 1;
    std::align(alignof(Node), sizeof(Node), aligned, space);
    Node* node = new (aligned) Node();
    *buf = const_cast<char*>(node->entry());
    return *buf;
  }

  void Insert(rocksdb::KeyHandle handle) override {
    Node* node = reinterpret_cast<Node*>(static_cast<char*>(handle)) - 1;
    std::atomic<Node*>* link = &Bucket(UserKey(node->entry()));
    Node* next = link->load(std::memory_order_relaxed);  // the only inserter
    while (next != nullptr && compare_(next->entry(), node->entry()) < 0) {
      link = &next->next;
      next = link->load(std::memory_order_relaxed);
    }
    node->next.store(next, std::memory_order_relaxed);
    link->store(node, std::memory_order_release);
    entries_.fetch_add(1, std::memory_order_relaxed);
  }

  bool Contains(const char* entry) const override {
    for (Node* n = Head(UserKey(entry)); n != nullptr; n = n->next.load(std::memory_order_acquire)) {
      const int order = compare_(n->entry(), entry);
      if (order >= 0) return order == 0;
    }
    return false;
  }

  size_t ApproximateMemoryUsage() override { return bucket_count_ * sizeof(std::atomic<Node*>); }

  Iterator* GetIterator(rocksdb::Arena* arena) override;
  Iterator* GetDynamicPrefixIterator(rocksdb::Arena* arena) override;

  // The first entry of the bucket of `user_key`.
  Node* Head(const Slice& user_key) const { return Bucket(user_key).load(std::memory_order_acquire); }
  const KeyComparator& compare() const { return compare_; }
  // Every entry, in key order.
  std::vector<const char*> SortedEntries() const {
    std::vector<const char*> entries;
    entries.reserve(entries_.load(std::memory_order_relaxed));
    for (size_t i = 0; i < bucket_count_; ++i)
      for (Node* n = buckets_[i].load(std::memory_order_acquire); n != nullptr;
           n = n->next.load(std::memory_order_acquire))
        entries.push_back(n->entry());
    std::sort(entries.begin(), entries.end(), [this](const char* a, const char* b) { return compare_(a, b) < 0; });
    return entries;
  }
  // Memory for an iterator RocksDB asked for in its arena: it destroys such
  // an iterator but never frees it, and its Arena type is not public. The
  // memtable's own allocator is no place either: RocksDB expects a memtable's
  // size to stay fixed once it is immutable. So this memtable keeps it, and
  // its iterators never outlive it.
  void* IteratorMemory(size_t bytes) {
    static_assert(alignof(std::max_align_t) >= alignof(void*));
    std::lock_guard lock(iterator_memory_mutex_);
    iterator_memory_.emplace_back(new std::max_align_t[(bytes + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t)]);
    return iterator_memory_.back().get();
  }

 private:
  std::atomic<Node*>& Bucket(const Slice& user_key) const {
    const Slice prefix = transform_ != nullptr ? transform_->Transform(user_key) : user_key;
    return buckets_[XXH3_64bits(prefix.data(), prefix.size()) % bucket_count_];
  }

  const KeyComparator& compare_;
  const rocksdb::SliceTransform* transform_;
  const size_t bucket_count_;
  std::unique_ptr<std::atomic<Node*>[]> buckets_;
  std::atomic<size_t> entries_{0};
  std::mutex iterator_memory_mutex_;
  std::vector<std::unique_ptr<std::max_align_t[]>> iterator_memory_;
};

// Point lookups: from the first entry of the bucket at or after the key,
// forward through the bucket (RocksDB's default Get stops at another key).
class BucketIterator final : public MemTableRep::Iterator {
 public:
  explicit BucketIterator(const HashedRep* rep = nullptr) : rep_(rep) {}
  void Reset(const HashedRep* rep) {
    rep_ = rep;
    node_ = nullptr;
  }
  bool Valid() const override { return node_ != nullptr; }
  const char* key() const override { return node_->entry(); }
  void Next() override { node_ = node_->next.load(std::memory_order_acquire); }
  void Seek(const Slice& internal_key, const char* /*memtable_key*/) override {
    node_ = rep_->Head(Slice(internal_key.data(), internal_key.size() - 8));
    while (node_ != nullptr && rep_->compare()(node_->entry(), internal_key) < 0)
      node_ = node_->next.load(std::memory_order_acquire);
  }
  // A bucket holds keys of unrelated prefixes: no order beyond Seek and Next.
  void Prev() override { node_ = nullptr; }
  void SeekForPrev(const Slice& /*internal_key*/, const char* /*memtable_key*/) override { node_ = nullptr; }
  void SeekToFirst() override { node_ = nullptr; }
  void SeekToLast() override { node_ = nullptr; }

 private:
  const HashedRep* rep_;
  Node* node_ = nullptr;
};

// Total order over the entries present when it was made (later ones carry
// later sequence numbers, which no reader of this iterator may see anyway).
class SortedIterator final : public MemTableRep::Iterator {
 public:
  explicit SortedIterator(const HashedRep& rep) : compare_(rep.compare()), entries_(rep.SortedEntries()) {}
  bool Valid() const override { return at_ < entries_.size(); }
  const char* key() const override { return entries_[at_]; }
  void Next() override { ++at_; }
  void Prev() override { at_ = at_ == 0 ? entries_.size() : at_ - 1; }
  void Seek(const Slice& internal_key, const char* /*memtable_key*/) override {
    at_ = std::lower_bound(entries_.begin(), entries_.end(), internal_key,
                           [this](const char* entry, const Slice& key) { return compare_(entry, key) < 0; }) -
          entries_.begin();
  }
  void SeekForPrev(const Slice& internal_key, const char* /*memtable_key*/) override {
    const size_t after = std::upper_bound(entries_.begin(), entries_.end(), internal_key,
                                          [this](const Slice& key, const char* entry) { return compare_(entry, key) > 0; }) -
                         entries_.begin();
    at_ = after == 0 ? entries_.size() : after - 1;
  }
  void SeekToFirst() override { at_ = 0; }
  void SeekToLast() override { at_ = entries_.empty() ? 0 : entries_.size() - 1; }

 private:
  const MemTableRep::KeyComparator& compare_;
  std::vector<const char*> entries_;
  size_t at_ = 0;
};

MemTableRep::Iterator* HashedRep::GetIterator(rocksdb::Arena* arena) {
  if (arena == nullptr) return new SortedIterator(*this);
  return new (IteratorMemory(sizeof(SortedIterator))) SortedIterator(*this);
}

// Without an arena the caller is RocksDB's default MemTableRep::Get, which
// (in 7.8) never deletes the iterator it asks for: each point lookup would
// leak one. It gets this thread's lookup iterator instead, rebound; a lookup
// runs to its end before the thread starts another.
MemTableRep::Iterator* HashedRep::GetDynamicPrefixIterator(rocksdb::Arena* arena) {
  if (arena == nullptr) {
    thread_local BucketIterator lookup;
    lookup.Reset(this);
    return &lookup;
  }
  return new (IteratorMemory(sizeof(BucketIterator))) BucketIterator(this);
}

class HashedFactory final : public rocksdb::MemTableRepFactory {
 public:
  explicit HashedFactory(size_t bucket_count) : bucket_count_(std::max<size_t>(bucket_count, 1)) {}
  MemTableRep* CreateMemTableRep(const MemTableRep::KeyComparator& compare, rocksdb::Allocator* allocator,
                                 const rocksdb::SliceTransform* transform, rocksdb::Logger* /*logger*/) override {
    return new HashedRep(compare, allocator, transform, bucket_count_);
  }
  const char* Name() const override { return "ReprintHashedMemTable"; }

 private:
  size_t bucket_count_;
};

}  // namespace

std::shared_ptr<rocksdb::MemTableRepFactory> NewHashedMemTableFactory(size_t bucket_count) {
  return std::make_shared<HashedFactory>(bucket_count);
}

}  // namespace reprint::store
