// The character encoding of an HTML page's bytes, and their conversion to
// the clean UTF-8 the rest of the pipeline assumes (see utf8.h).
//
// Sniffing follows the HTML spec's order: a byte order mark, then the
// <meta> prescan (meta_prescan.h), then windows-1252 for bytes that are not
// UTF-8, as browsers do for Western pages. One departure: bytes that are
// valid UTF-8 with multi-byte characters are read as UTF-8 whatever the
// <meta> says, because pages saved or re-served as UTF-8 keep their old
// declaration (readability's "qq" page says gb2312), while legacy text
// almost never happens to be valid UTF-8. A page declaring UTF-8 is always
// read as UTF-8, its invalid bytes replaced by U+FFFD.
//
// Conversion goes through ICU's converters, opened once per CharsetDecoder.
//
// Thread safety: SniffHtmlCharset and HasUtf16Bom are pure; a CharsetDecoder
// holds converters and buffers: one per thread.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "clean/encoding_labels.h"

struct UConverter;

namespace reprint::clean {

struct SniffedCharset {
  const Encoding* encoding;  // never nullptr
  size_t bom_bytes;          // length of the byte order mark to skip
};

// Returns the encoding `page` is in, by the rules above. Only the first
// kPrescanBytes are prescanned, but deciding between UTF-8 and a fallback
// reads the whole page.
SniffedCharset SniffHtmlCharset(std::string_view page);

// The encoding of plain text, which declares nothing: a byte order mark,
// else UTF-8 unless the bytes are not UTF-8 (ClassifyUtf8), then
// windows-1252 (Latin-1 text files are the common case).
SniffedCharset SniffTextCharset(std::string_view text);

// Returns true iff `page` starts with a UTF-16 (LE or BE) byte order mark.
bool HasUtf16Bom(std::string_view page);

class CharsetDecoder {
 public:
  CharsetDecoder() = default;
  ~CharsetDecoder();
  CharsetDecoder(const CharsetDecoder&) = delete;
  CharsetDecoder& operator=(const CharsetDecoder&) = delete;

  struct Page {
    std::string_view text;     // clean UTF-8
    const Encoding* encoding;  // what the bytes were read as
    bool replaced;             // some bytes were invalid and became U+FFFD
  };

  // Returns `page` as clean UTF-8: `page` itself when it already is (one
  // IsCleanUtf8 pass, the common case), otherwise a view of *buffer, which
  // it overwrites. Decodes by SniffHtmlCharset; when ICU cannot convert,
  // the bytes are read as UTF-8 and repaired.
  Page Decode(std::string_view page, std::string* buffer);

  // The same for plain text, by SniffTextCharset.
  Page DecodeText(std::string_view text, std::string* buffer);

  // Replaces *out with `bytes` (in `encoding`, without a byte order mark)
  // converted to clean UTF-8 and sets *replaced iff some bytes were invalid
  // or unmapped (each such sequence becomes one U+FFFD). Returns false, with
  // *out unspecified, iff ICU has no converter for `encoding` or fails.
  bool ToUtf8(std::string_view bytes, const Encoding& encoding, std::string* out, bool* replaced);

 private:
  UConverter* ConverterFor(const Encoding& encoding);
  Page DecodeAs(std::string_view bytes, SniffedCharset sniffed, std::string* buffer);

  // Opened on first use; nullptr when ICU has no such converter.
  std::vector<std::pair<const Encoding*, UConverter*>> converters_;
  UConverter* utf8_ = nullptr;
  size_t substitutions_ = 0;  // counted by the converters' error callback
  std::array<char16_t, 1024> pivot_{};
  std::string scratch_;
};

}  // namespace reprint::clean
