#include "store/chunked_list.h"

#include "store/coding.h"

namespace reprint::store {

std::string ChunkKey(std::string_view list_key, uint32_t chunk) {
  std::string key(list_key);
  PutBigEndian32(&key, chunk);
  return key;
}

Status LoadChunkedHeader(StoreReader* reader, Column column, std::string_view key, ChunkedHeader* header) {
  *header = ChunkedHeader();
  std::string value;
  bool found = false;
  if (Status s = reader->Get(column, key, &value, &found); !s.ok()) return s;
  if (!found) return Status::Ok();
  Decoder in(value);
  header->items = in.Varint();
  const uint64_t chunks = in.Varint();
  header->chunks = static_cast<uint32_t>(chunks);
  const bool consistent = chunks <= UINT32_MAX && header->items <= uint64_t{UINT32_MAX} * kChunkItems &&
                          chunks == (header->items + kChunkItems - 1) / kChunkItems;
  if (!in.done() || !consistent) return Status::Corruption("chunked list header");
  return Status::Ok();
}

void PutChunkedHeader(WriteGroup* group, Column column, std::string_view key, const ChunkedHeader& header) {
  std::string value;
  PutVarint(&value, header.items);
  PutVarint(&value, header.chunks);
  group->Put(column, key, value);
}

}  // namespace reprint::store
