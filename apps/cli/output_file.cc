#include "output_file.h"

#include <cerrno>
#include <cstring>

namespace reprint::cli {

OutputFile::OutputFile(const std::string& path) : path_(path) {
  if (path == "-") {
    file_ = stdout;
    return;
  }
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    error_ = "cannot write " + path + ": " + std::strerror(errno);
  } else {
    owned_ = true;
  }
}

OutputFile::~OutputFile() { Close(); }

void OutputFile::WriteLine(const std::string& line) {
  if (file_ == nullptr) return;
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fputc('\n', file_);
}

bool OutputFile::Close() {
  if (file_ == nullptr) return error_.empty();
  const bool failed = std::ferror(file_) != 0 || (owned_ ? std::fclose(file_) != 0 : std::fflush(file_) != 0);
  file_ = nullptr;
  if (failed && error_.empty()) error_ = "error writing " + path_;
  return error_.empty();
}

}  // namespace reprint::cli
