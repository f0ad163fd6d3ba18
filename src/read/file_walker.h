// ExpandInputs turns the user's inputs (files, directories, "-") into the
// ordered list of files to read. Directories are walked recursively; their
// entries are visited in sorted byte order, and names starting with '.' are
// skipped, so the same tree always yields the same list (re-reads give the
// same document indices). Inputs named explicitly are taken even if hidden.
// Symbolic links are followed; a directory cycle is reported, not followed.
//
// Problems found while walking (missing path, unreadable directory, special
// file) become entries carrying `problem`, in walk order, so the reader
// reports them when it reaches them. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace reprint::read {

struct InputEntry {
  std::string path;      // as given, or joined from a directory walk; "-" for stdin
  bool is_stdin = false;
  bool regular = false;  // a regular file (then `size` is its size)
  uint64_t size = 0;
  std::string problem;   // non-empty: report this and read nothing
};

std::vector<InputEntry> ExpandInputs(const std::vector<std::string>& inputs);

}  // namespace reprint::read
