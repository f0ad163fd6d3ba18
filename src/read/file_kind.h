// How a file is read, decided from its name: the compression its extension
// promises (.gz, .zst) and, after stripping that, whether it holds JSON Lines
// (.jsonl, .ndjson, .json) or one document (.txt → text, .html/.htm/.xhtml →
// HTML, anything else → kAuto, left to the cleaner). Extensions are matched
// case-insensitively. Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "read/decompress.h"
#include "reprint/document.h"

namespace reprint::read {

struct FileKind {
  Compression compression = Compression::kNone;  // promised by the extension
  bool json_lines = false;
  DocumentFormat format = DocumentFormat::kAuto;  // for one-document files
};

FileKind KindFromPath(std::string_view path);

}  // namespace reprint::read
