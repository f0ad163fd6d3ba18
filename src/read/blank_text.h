// Blank records: a document of nothing but whitespace is reported as "empty
// document" instead of being read. Thread-safe, pure.
#pragma once

#include <cstddef>

namespace reprint::read {

// Returns true iff `data` holds only ASCII whitespace (space, \t, \n, \v, \f, \r)
// or is empty.
bool IsBlank(const char* data, size_t size);

}  // namespace reprint::read
