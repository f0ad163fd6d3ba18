// Content sniffing for documents whose format the reader did not know.
//
// Thread safety: pure functions.
#pragma once

#include <string_view>

#include "reprint/reader.h"

namespace reprint::clean {

enum class SniffedFormat { kText, kHtml, kBinary };

// Looks at the first few KB of `content`.
//   kBinary: LooksBinary (util/binary_sniff.h): a NUL byte, or more than 10%
//            control bytes, in the first 8 KB (images, archives, UTF-16
//            without a byte order mark).
//   kHtml:   starts with a doctype, <html, <head, <body or an XML prolog, or
//            holds at least three tags of well-known HTML elements in the
//            first 64 KB (entity-encoded end tags such as "<&sol;p>" count):
//            a plain headline line followed by <p> paragraphs is HTML.
//   kText:   anything else.
// Callers that already ran LooksBinary pass check_binary = false.
SniffedFormat SniffFormat(std::string_view content, bool check_binary = true);

// Whether a record is read as HTML: declared so, or (kAuto) sniffed so from
// `content`, which must already be decoded from UTF-16. Binary content is
// judged by the caller.
inline bool ReadAsHtml(DocumentFormat format, std::string_view content) {
  return format == DocumentFormat::kHtml ||
         (format == DocumentFormat::kAuto && SniffFormat(content, /*check_binary=*/false) == SniffedFormat::kHtml);
}


}  // namespace reprint::clean
