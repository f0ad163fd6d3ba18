// The body of POST /v1/documents: one JSON object, a JSON array of objects, or
// JSON Lines (one object per line), each a document with fields `id`
// (required; a string or an integer), `text` or `html`, and optional `url`,
// `source`, `date`, `title`.
//
// Errors name the record (array position) or line, so a client with a batch
// of thousands can find the bad one.
#pragma once

#include <string_view>
#include <vector>

#include "reprint/document.h"
#include "reprint/status.h"

namespace reprint::serve {

enum class BodyFormat {
  kDetect,     // by content: '[' is an array; several lines of objects are JSON Lines
  kJsonLines,  // Content-Type application/x-ndjson (or jsonl)
};

// Returns the documents of `body` in order, or kMalformedInput with the reason
// (bad JSON, a record that is not an object, missing id, a field of the wrong
// type). An empty body or one without records is malformed too.
Result<std::vector<RawDocument>> ParseDocumentsBody(std::string_view body, BodyFormat format);

// The format announced by a Content-Type header value.
BodyFormat BodyFormatOf(std::string_view content_type);

}  // namespace reprint::serve
