// The body of POST /v1/documents once parsed: prepare every document in the
// calling thread, then store them with one CopyIndex::Add (one commit for the
// whole request) or, for a dry run, query each without storing.
#pragma once

#include <vector>

#include "reprint/copy_index.h"

namespace reprint::serve {

// Fills one answer per document, in order. A document Prepare() refuses gets
// an answer with `problem` set and is not stored; the others still are.
// Returns Add()'s failure (kBusy when the index's write queue is full: then
// nothing of this request was stored).
Status IngestDocuments(CopyIndex* index, std::vector<RawDocument> documents, bool dry_run,
                       std::vector<DocumentAnswer>* answers);

}  // namespace reprint::serve
