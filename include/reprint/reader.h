// DocumentReader streams RawDocuments out of files, directories (recursively),
// JSON Lines and stdin, decompressing .gz and .zst transparently.
//
// Memory does not grow with corpus size: one record at a time (plus one
// decompression buffer). Records that cannot be read (malformed JSON, binary
// files, over-size documents, unreadable files) are reported through
// ReadOptions::on_problem and counted in ReadStats; reading continues.
//
// Thread safety: one reader per thread; distinct readers are independent.
// Re-opening the same inputs yields the same documents with the same indices
// (directory entries are visited in sorted order), which lets the dedup
// pipeline make a second pass instead of keeping every document in memory.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "reprint/document.h"
#include "reprint/status.h"

namespace reprint {

// A record that was skipped, and why.
struct ReadProblem {
  SourceLocation where;
  std::string reason;
};

struct ReadOptions {
  // JSON Lines field names.
  std::string id_field = "id";
  std::string text_field = "text";
  std::string html_field = "html";
  std::string url_field = "url";
  std::string source_field = "source";
  std::string date_field = "date";
  std::string title_field = "title";
  // Documents larger than this (after decompression) are skipped and reported.
  uint64_t max_document_bytes = uint64_t{256} << 20;
  // JSON Lines with invalid UTF-8 (which simdjson rejects): true repairs the
  // line, replacing each invalid sequence with U+FFFD, and reads the record;
  // false skips the record and reports "invalid UTF-8".
  bool repair_invalid_utf8 = true;
  // Called once per skipped record or file. May be empty.
  std::function<void(const ReadProblem&)> on_problem;
};

struct ReadStats {
  uint64_t documents = 0;      // documents returned by Next()
  uint64_t skipped = 0;        // records or files skipped (each reported once)
  uint64_t bytes_read = 0;     // input bytes consumed (compressed size for .gz/.zst)
};

class DocumentReader {
 public:
  // `inputs`: paths to files or directories; "-" reads stdin (JSON Lines if the
  // first byte is '{', else one plain-text/HTML document).
  static Result<std::unique_ptr<DocumentReader>> Open(const std::vector<std::string>& inputs,
                                                      const ReadOptions& options);
  virtual ~DocumentReader() = default;

  // Returns true and fills *doc with the next document; false at the end.
  virtual bool Next(RawDocument* doc) = 0;
  virtual const ReadStats& stats() const = 0;
  // Sum of the input files' sizes on disk, 0 when unknown (stdin); for ETAs.
  virtual uint64_t total_bytes() const = 0;
  // Returns true iff Open() on the same inputs yields the same documents again
  // (false when stdin is among the inputs).
  virtual bool rereadable() const = 0;
};

}  // namespace reprint
