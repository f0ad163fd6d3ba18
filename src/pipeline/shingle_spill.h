// ShingleSpill: every document's compact shingle set, written in document
// order to an anonymous temporary file during pass 1 and read back by
// verification, jumping straight to the sets it needs (each set's offset is
// kept, 8 bytes a document).
//
// Verifying on real shingle sets needs them again after candidate
// generation, but keeping them in memory costs several KB per document.
// Spilling them (about 0.6 bytes per input byte) replaces a second read,
// parse, clean and tokenisation of the input with reads of this file, and
// works for stdin too. The file is unlinked as soon as it is created, so
// nothing is left behind even after a crash.
//
// Appends are gathered into 1 MB chunks; with background writes a thread of
// the spill's own writes them, so the pipeline's collecting thread never
// waits on the file system (on ext4 that cost a fifth of a core in the
// second half of pass 1).
//
// Thread safety: Append, FinishWriting and Read from one thread; ReadSets
// from any number of threads at once after FinishWriting.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "reprint/status.h"

namespace reprint::pipeline {

using CompactShingles = std::vector<uint32_t>;  // see Fingerprinter::CompactShingles

class ShingleSpill {
 public:
  // Creates the file in `dir` (the system's temp dir when empty).
  static Result<std::unique_ptr<ShingleSpill>> Create(const std::string& dir, bool background_writes = false);
  ~ShingleSpill();
  ShingleSpill(const ShingleSpill&) = delete;
  ShingleSpill& operator=(const ShingleSpill&) = delete;

  // Appends the set of the next document (documents are numbered by call).
  // May report the error of an earlier background write.
  Status Append(const CompactShingles& set);

  uint64_t documents() const { return offsets_.size(); }

  // Writes out everything appended, so that it can be read.
  Status FinishWriting();

  // Reads document `doc`'s set into *set (finishing writes first). An error
  // for doc >= documents().
  Status Read(uint64_t doc, CompactShingles* set);

  // Reads the sets of `docs` (ascending) into sets[0..], with one positioned
  // read per run of nearby documents into *buffer. Safe to call from several
  // threads at once, between FinishWriting() and the next Append().
  Status ReadSets(std::span<const uint32_t> docs, CompactShingles* sets, std::string* buffer) const;

 private:
  struct Chunk {
    uint64_t offset = 0;
    std::string bytes;
  };

  ShingleSpill(int fd, std::string dir, bool background_writes);
  Status Error(const char* what, int error) const;
  Status WriteChunk(const Chunk& chunk) const;
  Status ShipChunk();
  void WriteInBackground();

  int fd_;
  std::string dir_;
  std::vector<uint64_t> offsets_;  // where each document's set starts
  uint64_t end_ = 0;               // bytes appended
  Chunk chunk_;                    // appended, not yet shipped

  std::mutex mutex_;
  std::condition_variable queued_;   // a chunk was queued, or the spill closes
  std::condition_variable written_;  // a chunk was written
  std::deque<Chunk> queue_;
  bool writing_ = false;  // the writer holds a chunk
  bool closing_ = false;
  Status write_status_;  // the first background write error
  std::thread writer_;
};

}  // namespace reprint::pipeline
