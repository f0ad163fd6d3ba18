// Whether content is binary rather than text: the reader skips such files
// ("binary file, skipped") and the cleaner refuses such records, so a stray
// image or archive in a corpus never becomes a garbage document. One rule for
// both, so a file the reader accepts is never refused later as binary.
// Thread-safe, pure.
#pragma once

#include <cstddef>
#include <string_view>

namespace reprint {

// How many leading bytes LooksBinary() examines (callers need read no more).
inline constexpr size_t kBinarySniffBytes = 8192;

// True iff the first kBinarySniffBytes of `content` hold a NUL byte or more
// than 10 % control characters (C0 other than tab, LF, VT, FF, CR and ESC;
// and DEL). UTF-16 without a byte order mark therefore counts as binary;
// after a UTF-16 byte order mark the rule applies to 16-bit units instead.
// Empty content is not binary.
bool LooksBinary(std::string_view content);

}  // namespace reprint
