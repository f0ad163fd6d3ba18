#include "read/file_kind.h"

#include <string>

namespace reprint::read {
namespace {

std::string LowerExtension(std::string_view name) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(name.substr(dot + 1));
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return ext;
}

}  // namespace

FileKind KindFromPath(std::string_view path) {
  FileKind kind;
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::string ext = LowerExtension(name);
  if (ext == "gz" || ext == "zst" || ext == "zstd") {
    kind.compression = ext == "gz" ? Compression::kGzip : Compression::kZstd;
    name = name.substr(0, name.rfind('.'));
    ext = LowerExtension(name);
  }
  // .txt stays kAuto: saved pages and syndication dumps often hold markup
  // under a .txt name, and the cleaner's sniffer tells the two apart.
  if (ext == "jsonl" || ext == "ndjson" || ext == "json") {
    kind.json_lines = true;
  } else if (ext == "html" || ext == "htm" || ext == "xhtml") {
    kind.format = DocumentFormat::kHtml;
  }
  return kind;
}

}  // namespace reprint::read
