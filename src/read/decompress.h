// Streaming decompressors (gzip via zlib, zstd via ZSTD_decompressStream)
// presented as ByteSources, and detection of compressed data by magic bytes.
//
// Memory: one input buffer (256 KiB) plus the codec's window; never the whole
// file. Multi-member gzip files and multi-frame zstd files are read to the end.
// Corrupt or truncated data makes Read() fail (sticky) with a message naming
// the codec, e.g. "corrupt gzip data: invalid distance too far back".
//
// Thread safety: none; one source per thread.
#pragma once

#include <cstddef>
#include <memory>

#include "read/byte_source.h"

namespace reprint::read {

enum class Compression { kNone, kGzip, kZstd };

// Returns the compression whose magic number starts `data` (needs 4 bytes for
// zstd, 2 for gzip), kNone otherwise.
Compression SniffCompression(const char* data, size_t size);

// Returns a source yielding the decompressed bytes of `compressed`.
// kNone returns `compressed` itself.
std::unique_ptr<ByteSource> NewDecompressingSource(Compression kind,
                                                   std::unique_ptr<ByteSource> compressed);

const char* CompressionName(Compression kind);  // "gzip", "zstd", "none"

}  // namespace reprint::read
