// ShingleSpill: every document's compact shingle set, written in document
// order to an anonymous temporary file during pass 1 and read back by
// verification: sequentially when it needs most documents, jumping straight
// to the few it needs otherwise (each set's offset is kept, 8 bytes a
// document).
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
#include <span>
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

  uint64_t documents() const { return offsets_.size(); }

  // Reads document `doc`'s set into *set. Reading documents in increasing
  // order is a sequential read; a gap costs one seek (within the stdio
  // buffer when short). An error for doc >= documents().
  Status Read(uint64_t doc, CompactShingles* set);

  // Makes everything appended readable by ReadSets.
  Status FinishWriting();

  // Reads the sets of `docs` (ascending) into sets[0..], with one positioned
  // read per run of nearby documents into *buffer. Safe to call from several
  // threads at once (it never moves the file position), between
  // FinishWriting() and the next Append().
  Status ReadSets(std::span<const uint32_t> docs, CompactShingles* sets, std::string* buffer) const;

 private:
  ShingleSpill(std::FILE* file, std::string dir) : file_(file), dir_(std::move(dir)) {}
  Status Error(const char* what) const;

  std::FILE* file_;
  std::string dir_;
  std::vector<uint64_t> offsets_;  // where each document's set starts
  uint64_t end_ = 0;               // bytes written
  bool reading_ = false;           // the file position is a reading one
  uint64_t position_ = 0;          // file position while reading_
};

}  // namespace reprint::pipeline
