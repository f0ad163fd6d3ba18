// UTF-8 validation and repair for untrusted document bytes.
//
// Documents arrive in whatever bytes the crawler stored. Everything after the
// clean stage assumes valid UTF-8 without control characters, so this is the
// single place where that invariant is established. Repair never fails: each
// maximal ill-formed subsequence becomes one U+FFFD (the WHATWG / Unicode
// "maximal subpart" practice, so the output matches what browsers show).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace reprint::clean {

// Returns true iff `in` is valid UTF-8 and holds no byte that
// SanitizeUtf8 would drop (NUL and C0 controls other than \t \n \r).
// Fast on ASCII: eight bytes per step.
bool IsCleanUtf8(std::string_view in);

enum class Utf8Kind {
  kAscii,    // every byte below 0x80
  kUtf8,     // UTF-8 with multi-byte characters: valid, or with fewer
             // invalid sequences than valid multi-byte ones (a UTF-8 text
             // with a few corrupt bytes, not legacy text, where a valid
             // multi-byte sequence is a rare accident)
  kInvalid,  // not UTF-8
};
// Classifies `in`; control characters are not judged. One pass.
Utf8Kind ClassifyUtf8(std::string_view in);

// Appends `in` to *out with invalid sequences replaced by U+FFFD and NUL / C0
// control characters other than \t \n \r removed.
// Returns true iff at least one invalid sequence was replaced.
bool SanitizeUtf8(std::string_view in, std::string* out);

// Appends the UTF-8 encoding of `cp` to *out.
// REQUIRES: cp <= 0x10FFFF and cp is not a surrogate.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace reprint::clean
