// Helpers shared by the cross-stage tests: temporary directories, running the
// CLI, and a small mutated news corpus with known copy clusters.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace reprint::testing {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();  // removes the directory and everything in it
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path Write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the reprint CLI with `args` (shell-quoted here), capturing output.
CommandResult RunCli(const std::vector<std::string>& args);

std::string ReadFile(const std::filesystem::path& path);
std::filesystem::path SharedDir();

// A corpus made of BBC articles from ../shared plus mutated copies of some of
// them (trims down to 40 %, word edits, boilerplate, re-ordered paragraphs).
struct MutatedCorpus {
  std::vector<std::string> ids;
  std::vector<std::string> texts;
  std::vector<int> truth;  // cluster label per document
};
MutatedCorpus MakeMutatedCorpus(size_t originals, size_t copies, uint64_t seed);
// Writes the corpus as JSON Lines {"id":..., "text":...}.
void WriteJsonl(const MutatedCorpus& corpus, const std::filesystem::path& path);

}  // namespace reprint::testing
