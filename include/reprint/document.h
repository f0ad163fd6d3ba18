// The documents that flow through reprint's stages:
//   RawDocument (read) -> CleanDocument (clean) -> Fingerprint (sketch).
// Plain structs; no invariants beyond those stated per field.
#pragma once

#include <cstdint>
#include <string>

namespace reprint {

enum class DocumentFormat { kAuto, kText, kHtml };

// Where a record came from, for error messages: "corpus.jsonl:17".
struct SourceLocation {
  std::string file;   // path as given, or "-" for stdin
  uint64_t line = 0;  // 1-based line (JSON Lines) or 0 for a whole-file document
  std::string ToString() const;
};

// A document as read from the input, before any cleaning.
struct RawDocument {
  uint64_t index = 0;  // position in the input stream, 0-based, stable across re-reads
  std::string id;      // from the record's id field, else the file path (+ ":line")
  std::string url;
  std::string source;  // publisher or host, when known
  std::string date;    // as given (ISO 8601 expected, not validated)
  std::string title;   // when the record carries one
  DocumentFormat format = DocumentFormat::kAuto;  // kAuto: the cleaner decides
  std::string content;  // the text or HTML, as bytes (may be invalid UTF-8)
  SourceLocation location;
};

// A document's article text: valid UTF-8, entities decoded, boilerplate removed,
// paragraphs separated by "\n\n". Not case-folded: it is for people and for
// alignment offsets; the fingerprint normalises on its own.
struct CleanDocument {
  std::string id;
  std::string url;
  std::string source;
  std::string date;
  std::string title;
  std::string text;
  bool was_html = false;
  bool repaired_utf8 = false;  // invalid byte sequences were replaced by U+FFFD
  uint32_t template_paragraphs = 0;  // removed as the source's template (reprint/templates.h)
};

}  // namespace reprint
