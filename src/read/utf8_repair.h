// Replaces invalid UTF-8 with U+FFFD so that a JSON line carrying a stray
// Latin-1 byte or a cut multi-byte sequence can still be parsed (simdjson
// rejects invalid UTF-8 outright). Follows the Unicode "maximal subpart"
// practice: each maximal invalid subsequence becomes one U+FFFD. Overlong
// forms, surrogates (ED A0..BF) and code points above U+10FFFF are invalid.
// Thread-safe, pure.
#pragma once

#include <cstddef>
#include <string>

namespace reprint::read {

// Appends `data` to *out with invalid sequences replaced; returns the number
// of replacements made (0 iff `data` was valid UTF-8).
size_t AppendRepairedUtf8(const char* data, size_t size, std::string* out);

}  // namespace reprint::read

namespace reprint::read {

// Copies the JSON text `data` to *out with every \uXXXX escape that names an
// unpaired UTF-16 surrogate (as Python's json.dumps writes for undecodable
// bytes) replaced by \uFFFD; returns the number replaced. simdjson rejects
// such escapes. Escaped backslashes ("\\u") are left alone.
size_t AppendWithLoneSurrogatesReplaced(const char* data, size_t size, std::string* out);

}  // namespace reprint::read
