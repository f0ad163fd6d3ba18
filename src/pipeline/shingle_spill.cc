#include "pipeline/shingle_spill.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace reprint::pipeline {

Result<std::unique_ptr<ShingleSpill>> ShingleSpill::Create(const std::string& dir) {
  std::error_code ec;
  const std::string base = dir.empty() ? std::filesystem::temp_directory_path(ec).string() : dir;
  std::string path = base + "/reprint-shingles-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) return Status::IoError("cannot create a temporary file in " + base + ": " + std::strerror(errno));
  unlink(path.c_str());
  std::FILE* file = fdopen(fd, "w+b");
  if (file == nullptr) {
    close(fd);
    return Status::IoError("cannot open a temporary file in " + base + ": " + std::strerror(errno));
  }
  std::setvbuf(file, nullptr, _IOFBF, size_t{1} << 20);
  return std::unique_ptr<ShingleSpill>(new ShingleSpill(file, base));
}

ShingleSpill::~ShingleSpill() { std::fclose(file_); }

Status ShingleSpill::Error(const char* what) const {
  return Status::IoError(std::string(what) + " the shingle spill file in " + dir_ + ": " +
                         (errno ? std::strerror(errno) : "unexpected end of file"));
}

Status ShingleSpill::Append(const CompactShingles& set) {
  const auto count = static_cast<uint32_t>(set.size());
  if (std::fwrite(&count, sizeof count, 1, file_) != 1 ||
      (count > 0 && std::fwrite(set.data(), sizeof(uint32_t), count, file_) != count))
    return Error("cannot write");
  ++documents_;
  return Status::Ok();
}

Status ShingleSpill::Rewind() {
  errno = 0;
  if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) return Error("cannot rewind");
  return Status::Ok();
}

Status ShingleSpill::Next(bool wanted, CompactShingles* set) {
  errno = 0;
  uint32_t count = 0;
  if (std::fread(&count, sizeof count, 1, file_) != 1) return Error("cannot read");
  if (!wanted) {
    if (count > 0 && std::fseek(file_, static_cast<long>(count) * 4, SEEK_CUR) != 0) return Error("cannot seek in");
    return Status::Ok();
  }
  set->resize(count);
  if (count > 0 && std::fread(set->data(), sizeof(uint32_t), count, file_) != count) return Error("cannot read");
  return Status::Ok();
}

}  // namespace reprint::pipeline
