// JsonlRecordParser turns one JSON Lines record into a RawDocument, or says
// why it cannot. It owns one simdjson DOM parser reused across records, so a
// record costs no allocation beyond growing the output strings (and they are
// reused when the caller passes the same RawDocument again).
//
// Field mapping (names from ReadOptions):
//  - id: string as is; integer or floating-point number in its decimal form;
//    null or missing leaves doc->id empty (the caller then uses "file:line");
//    any other type is a problem.
//  - html / text: html wins (format kHtml) unless it is null, missing or blank
//    while text is not; text gives format kAuto so the cleaner may sniff.
//    Neither present (or both null) is a problem, as is a non-string value in
//    a present field, and content that is only whitespace ("empty document").
//  - url, source, date, title: strings as is; numbers and booleans in their
//    JSON form; null, arrays and objects become "".
//  - Invalid UTF-8, and \u escapes naming unpaired UTF-16 surrogates: repaired
//    with U+FFFD, or (repair_invalid_utf8 = false) the record is reported.
//  - Other fields are ignored; the line must be one JSON object.
//
// Thread safety: none; one parser per thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "reprint/document.h"
#include "reprint/reader.h"
#include "reprint/status.h"

namespace reprint::read {

class JsonlRecordParser {
 public:
  // `options` must outlive the parser.
  explicit JsonlRecordParser(const ReadOptions* options);
  ~JsonlRecordParser();
  JsonlRecordParser(const JsonlRecordParser&) = delete;
  JsonlRecordParser& operator=(const JsonlRecordParser&) = delete;

  // Fills doc->{id,url,source,date,title,format,content}; leaves index and
  // location alone. Returns MalformedInput with the reason on failure (then
  // *doc is unspecified).
  // REQUIRES: data[size, size + kLinePadding) is readable (see line_splitter.h).
  Status Parse(const char* data, size_t size, RawDocument* doc);

 private:
  struct Impl;
  const ReadOptions* options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reprint::read
