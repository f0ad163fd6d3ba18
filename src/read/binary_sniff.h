// Decides whether the start of a file is binary rather than text, so that a
// stray image or archive in a corpus directory is skipped ("binary file,
// skipped") instead of becoming a garbage document. Thread-safe, pure.
#pragma once

#include <cstddef>

namespace reprint::read {

// How many leading bytes callers should pass to LooksBinary().
inline constexpr size_t kBinarySniffBytes = 8192;

// Returns true iff `data` contains a NUL byte, or more than 30% of its bytes
// are control characters (C0 other than tab, LF, VT, FF, CR and ESC; or DEL).
// (UTF-16 text without a byte order mark therefore counts as binary.) After
// a UTF-16 byte order mark the same rule applies to 16-bit units instead.
// An empty buffer is not binary.
bool LooksBinary(const char* data, size_t size);

}  // namespace reprint::read

namespace reprint::read {

// Returns true iff `data` holds only ASCII whitespace (space, \t, \n, \v, \f, \r)
// or is empty: such a document is reported as "empty document".
bool IsBlank(const char* data, size_t size);

}  // namespace reprint::read
