// ChunkedList: a stored list that grows by one item per ingested document (a
// cluster's members, the edges of a much-copied document, the documents
// sharing one text). Rewriting such a list whole at every append made
// ingesting N exact copies of one text cost O(N^2) time and disk
// (bench/RESULTS.md: 8,000 copies took 3 s and 621 MB). A chunked list is a
// header (item and chunk counts) under its key and chunks of up to
// kChunkItems items under the key plus a 4-byte chunk number, each chunk in
// the item type's own list encoding. Appending rewrites only the last chunk.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace reprint::store {

inline constexpr size_t kChunkItems = 256;

struct ChunkedHeader {
  uint64_t items = 0;
  uint32_t chunks = 0;
};

std::string ChunkKey(std::string_view list_key, uint32_t chunk);
Status LoadChunkedHeader(StoreReader* reader, Column column, std::string_view key, ChunkedHeader* header);
void PutChunkedHeader(WriteGroup* group, Column column, std::string_view key, const ChunkedHeader& header);

// Codec: static std::string Encode(const std::vector<T>&) and
// static bool Decode(std::string_view, std::vector<T>*).
template <typename T, typename Codec>
class ChunkedList {
 public:
  // The whole list, in stored order; empty when there is none.
  static Status Load(StoreReader* reader, Column column, std::string_view key, std::vector<T>* items) {
    items->clear();
    ChunkedHeader header;
    if (Status s = LoadChunkedHeader(reader, column, key, &header); !s.ok()) return s;
    // In batches: a corrupt header claiming billions of chunks then fails at
    // the first missing one instead of allocating a key for each.
    constexpr uint32_t kBatch = 64;
    std::vector<std::string> keys;
    std::vector<std::optional<std::string>> values;
    std::vector<T> chunk;
    for (uint32_t first = 0; first < header.chunks; first += std::min(kBatch, header.chunks - first)) {
      keys.clear();
      for (uint32_t c = first; c < header.chunks && c - first < kBatch; ++c) keys.push_back(ChunkKey(key, c));
      if (Status s = reader->MultiGet(column, keys, &values); !s.ok()) return s;
      for (const auto& value : values) {
        if (!value || !Codec::Decode(*value, &chunk)) return Corrupt(key);
        items->insert(items->end(), chunk.begin(), chunk.end());
      }
    }
    if (items->size() != header.items) return Corrupt(key);
    return Status::Ok();
  }

  // Chunk `index` alone (items [index * kChunkItems, ...)).
  static Status LoadChunk(StoreReader* reader, Column column, std::string_view key, uint32_t index,
                          std::vector<T>* items) {
    std::string value;
    bool found = false;
    if (Status s = reader->Get(column, ChunkKey(key, index), &value, &found); !s.ok()) return s;
    if (!found || !Codec::Decode(value, items)) return Corrupt(key);
    return Status::Ok();
  }

  // Adds items at the end, rewriting only the last chunk and new ones.
  static Status Append(WriteGroup* group, Column column, std::string_view key, const std::vector<T>& more) {
    if (more.empty()) return Status::Ok();
    ChunkedHeader header;
    if (Status s = LoadChunkedHeader(group, column, key, &header); !s.ok()) return s;
    std::vector<T> tail;
    const size_t in_last = header.items - size_t{header.chunks > 0 ? header.chunks - 1 : 0} * kChunkItems;
    if (header.chunks > 0 && in_last < kChunkItems) {
      if (Status s = LoadChunk(group, column, key, header.chunks - 1, &tail); !s.ok()) return s;
      --header.chunks;  // rewritten below
      header.items -= tail.size();
    }
    tail.insert(tail.end(), more.begin(), more.end());
    WriteChunks(group, column, key, tail, &header);
    PutChunkedHeader(group, column, key, header);
    return Status::Ok();
  }

  // Replaces the whole list (deletes it when `items` is empty).
  static Status Store(WriteGroup* group, Column column, std::string_view key, const std::vector<T>& items) {
    ChunkedHeader old;
    if (Status s = LoadChunkedHeader(group, column, key, &old); !s.ok()) return s;
    ChunkedHeader header;
    WriteChunks(group, column, key, items, &header);
    for (uint32_t c = header.chunks; c < old.chunks; ++c) group->Delete(column, ChunkKey(key, c));
    if (items.empty()) group->Delete(column, key);
    else PutChunkedHeader(group, column, key, header);
    return Status::Ok();
  }

 private:
  static void WriteChunks(WriteGroup* group, Column column, std::string_view key, const std::vector<T>& items,
                          ChunkedHeader* header) {
    std::vector<T> chunk;
    for (size_t i = 0; i < items.size(); i += kChunkItems) {
      chunk.assign(items.begin() + static_cast<std::ptrdiff_t>(i),
                   items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), i + kChunkItems)));
      group->Put(column, ChunkKey(key, header->chunks++), Codec::Encode(chunk));
      header->items += chunk.size();
    }
  }

  static Status Corrupt(std::string_view key) {
    return Status::Corruption("chunked list at key of " + std::to_string(key.size()) + " bytes, prefix '" +
                              std::string(key.substr(0, 1)) + "'");
  }
};

struct SeqCodec {
  static std::string Encode(const std::vector<uint64_t>& seqs) { return EncodeSeqs(seqs); }
  static bool Decode(std::string_view bytes, std::vector<uint64_t>* seqs) { return DecodeSeqs(bytes, seqs); }
};
struct EdgeCodec {
  static std::string Encode(const EdgeList& edges) { return EncodeEdges(edges); }
  static bool Decode(std::string_view bytes, EdgeList* edges) { return DecodeEdges(bytes, edges); }
};
using SeqChunks = ChunkedList<uint64_t, SeqCodec>;
using EdgeChunks = ChunkedList<Edge, EdgeCodec>;

}  // namespace reprint::store
