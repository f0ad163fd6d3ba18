// HashedMemTable: the memtable representation of the postings column.
//
// Postings are only read by whole key. RocksDB's hashed skiplist
// (HashSkipListRep) answers such lookups from one bucket, but to flush it
// sorts itself by inserting every entry into a new skiplist, which was two
// thirds of the flush thread's CPU at 1 M documents (bench/RESULTS.md). Here
// each bucket is a sorted linked list, and a flush (or any total-order
// iterator) sorts an array of the entries once.
//
// Written by hand because RocksDB ships no representation that is both
// hashed for lookups and cheap to sort; it implements RocksDB's public
// MemTableRep interface. Iterators from GetDynamicPrefixIterator() (what
// point lookups use) only Seek() and Next() within a bucket; GetIterator()
// supports everything.
//
// Thread safety: one inserter at a time (allow_concurrent_memtable_write is
// off for this column) and any number of concurrent readers: entries are
// linked in with release stores, readers follow links with acquire loads.
#pragma once

#include <rocksdb/memtablerep.h>

#include <cstddef>
#include <memory>

namespace reprint::store {

std::shared_ptr<rocksdb::MemTableRepFactory> NewHashedMemTableFactory(size_t bucket_count);

}  // namespace reprint::store
