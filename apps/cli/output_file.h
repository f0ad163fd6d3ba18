// OutputFile: stdout for "-", else a file opened for writing; reports errors
// with the path.
#pragma once

#include <cstdio>
#include <string>

namespace reprint::cli {

class OutputFile {
 public:
  explicit OutputFile(const std::string& path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  bool ok() const { return file_ != nullptr; }
  const std::string& error() const { return error_; }
  void WriteLine(const std::string& line);
  // Returns false (and sets error()) when any write or the close failed.
  bool Close();

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  std::string error_;
};

}  // namespace reprint::cli
