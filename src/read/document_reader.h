// Internal entry points of the read stage beyond DocumentReader::Open().
#pragma once

#include <memory>
#include <string>

#include "read/byte_source.h"
#include "reprint/reader.h"

namespace reprint::read {

// Returns a reader over one already open input, handled exactly like a file
// called `name`: its extension picks JSON Lines or one document, its magic
// bytes pick the decompression ("-" sniffs like stdin). For tests and fuzzing
// (no temporary files). rereadable() is false and total_bytes() is 0.
std::unique_ptr<DocumentReader> NewReaderForSource(std::string name,
                                                   std::unique_ptr<ByteSource> source,
                                                   const ReadOptions& options);

}  // namespace reprint::read
