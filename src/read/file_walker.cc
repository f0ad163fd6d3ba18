#include "read/file_walker.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace reprint::read {
namespace {

struct DirId {
  dev_t dev;
  ino_t ino;
  bool operator==(const DirId&) const = default;
};

class Walker {
 public:
  explicit Walker(std::vector<InputEntry>* out) : out_(out) {}

  // `explicit_input`: named by the user, so special files (FIFOs) are read too.
  void Visit(const std::string& path, bool explicit_input) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      Problem(path, std::string("cannot stat: ") + std::strerror(errno));
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      WalkDirectory(path, DirId{st.st_dev, st.st_ino});
    } else if (S_ISREG(st.st_mode)) {
      out_->push_back(InputEntry{path, false, true, static_cast<uint64_t>(st.st_size), {}});
    } else if (explicit_input) {
      out_->push_back(InputEntry{path, false, false, 0, {}});
    } else {
      Problem(path, "not a regular file, skipped");
    }
  }

 private:
  void Problem(const std::string& path, std::string reason) {
    InputEntry e;
    e.path = path;
    e.problem = std::move(reason);
    out_->push_back(std::move(e));
  }

  void WalkDirectory(const std::string& path, DirId id) {
    if (std::find(stack_.begin(), stack_.end(), id) != stack_.end()) {
      Problem(path, "directory cycle (symbolic link loop), skipped");
      return;
    }
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) {
      Problem(path, std::string("cannot read directory: ") + std::strerror(errno));
      return;
    }
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* d = ::readdir(dir)) {
      if (d->d_name[0] != '.') names.emplace_back(d->d_name);
      errno = 0;
    }
    const int read_errno = errno;
    ::closedir(dir);
    if (read_errno != 0) {
      Problem(path, std::string("cannot read directory: ") + std::strerror(read_errno));
      return;
    }
    std::sort(names.begin(), names.end());  // char_traits<char> compares as unsigned bytes
    const std::string prefix = path.ends_with('/') ? path : path + "/";
    stack_.push_back(id);
    for (const std::string& name : names) Visit(prefix + name, /*explicit_input=*/false);
    stack_.pop_back();
  }

  std::vector<InputEntry>* out_;
  std::vector<DirId> stack_;  // directories being walked, to detect cycles
};

}  // namespace

std::vector<InputEntry> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<InputEntry> out;
  Walker walker(&out);
  for (const std::string& input : inputs) {
    if (input == "-") {
      InputEntry e;
      e.path = "-";
      e.is_stdin = true;
      out.push_back(std::move(e));
    } else {
      walker.Visit(input, /*explicit_input=*/true);
    }
  }
  return out;
}

}  // namespace reprint::read
