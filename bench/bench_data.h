// Inputs shared by the benchmarks: the dev data in ../shared, loaded once.
// REPRINT_SHARED_DIR (set by the build) locates it; the environment variable
// of the same name overrides it.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace reprint::bench {

inline std::filesystem::path SharedDir() {
  const char* env = std::getenv("REPRINT_SHARED_DIR");
  return std::filesystem::path(env != nullptr ? env : REPRINT_SHARED_DIR);
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The Readability test pages' source.html files, in name order; empty when
// the data is missing.
inline std::vector<std::filesystem::path> ReadabilityPageFiles() {
  std::vector<std::filesystem::path> files;
  const std::filesystem::path dir = SharedDir() / "data/extraction/readability-test-pages";
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (std::filesystem::exists(e.path() / "source.html")) files.push_back(e.path() / "source.html");
  std::sort(files.begin(), files.end());
  return files;
}

// Their contents, read once.
inline const std::vector<std::string>& ReadabilityPages() {
  static const std::vector<std::string> pages = [] {
    std::vector<std::string> out;
    for (const auto& f : ReadabilityPageFiles()) out.push_back(ReadFile(f));
    return out;
  }();
  return pages;
}

// The BBC corpus's articles (plain English news), sorted by content so the
// order never depends on the file system; empty when the data is missing.
inline const std::vector<std::string>& BbcArticles() {
  static const std::vector<std::string> articles = [] {
    std::vector<std::string> out;
    std::error_code ec;
    const std::filesystem::path root = SharedDir() / "data/corpora/bbc";
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); ++it)
      if (it->path().extension() == ".txt") out.push_back(ReadFile(it->path()));
    std::sort(out.begin(), out.end());
    return out;
  }();
  return articles;
}

}  // namespace reprint::bench
