// ShingleSpill: every document's compact shingle set, written in document
// order to an anonymous temporary file during pass 1 and read back
// sequentially by verification.
//
// Verifying on real shingle sets needs them again after candidate
// generation, but keeping them in memory costs several KB per document.
// Spilling them (about 0.6 bytes per input byte) replaces a second read,
// parse, clean and tokenisation of the input with a sequential read of this
// file, and works for stdin too. The file is unlinked as soon as it is
// created, so nothing is left behind even after a crash.
//
// Thread safety: none; written and read by the pipeline's calling thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "reprint/status.h"

namespace reprint::pipeline {

using CompactShingles = std::vector<uint32_t>;  // see Fingerprinter::CompactShingles

class ShingleSpill {
 public:
  // Creates the file in `dir` (the system's temp dir when empty).
  static Result<std::unique_ptr<ShingleSpill>> Create(const std::string& dir);
  ~ShingleSpill();
  ShingleSpill(const ShingleSpill&) = delete;
  ShingleSpill& operator=(const ShingleSpill&) = delete;

  // Appends the set of the next document (documents are numbered by call).
  Status Append(const CompactShingles& set);
  uint64_t documents() const { return documents_; }

  // Sequential reading from the first document; restarts the file.
  Status Rewind();
  // Reads the next document's set into *set (when `wanted`) or skips it.
  // REQUIRES: fewer calls since Rewind() than documents().
  Status Next(bool wanted, CompactShingles* set);

 private:
  ShingleSpill(std::FILE* file, std::string dir) : file_(file), dir_(std::move(dir)) {}
  Status Error(const char* what) const;

  std::FILE* file_;
  std::string dir_;
  uint64_t documents_ = 0;
};

}  // namespace reprint::pipeline
