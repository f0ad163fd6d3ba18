// Test-only helpers for the read stage: a fresh temporary directory, file
// writers, in-test gzip/zstd compression, and a collector that drains a reader.
#pragma once

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "reprint/reader.h"

namespace reprint::read::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "reprint-read-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) ? tmpl : "";
    EXPECT_FALSE(path_.empty());
  }
  ~TempDir() {
    std::error_code ec;
    // Restore permissions a test may have removed, so cleanup succeeds.
    for (auto it = std::filesystem::recursive_directory_iterator(
             path_, std::filesystem::directory_options::skip_permission_denied, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      ::chmod(it->path().c_str(), 0755);
    }
    ::chmod(path_.c_str(), 0755);
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  // Writes `data` to path()/rel, creating parent directories; returns the full path.
  std::string Write(const std::string& rel, const std::string& data) const {
    std::filesystem::path p = std::filesystem::path(path_) / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
    return p.string();
  }

 private:
  std::string path_;
};

inline std::string Gzip(const std::string& data, int level = 6) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

inline std::string Zstd(const std::string& data, int level = 3) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// Everything one pass of a reader produced.
struct ReadResult {
  std::vector<RawDocument> docs;
  std::vector<ReadProblem> problems;
  ReadStats stats;
  // "file:line: reason" per problem, with the temp dir prefix removed.
  std::vector<std::string> ProblemStrings(const std::string& strip = "") const {
    std::vector<std::string> out;
    for (const ReadProblem& p : problems) {
      std::string s = p.where.ToString() + ": " + p.reason;
      if (!strip.empty() && s.rfind(strip, 0) == 0) s = s.substr(strip.size() + 1);
      out.push_back(s);
    }
    return out;
  }
  std::vector<std::string> Ids() const {
    std::vector<std::string> out;
    for (const RawDocument& d : docs) out.push_back(d.id);
    return out;
  }
};

// Opens `inputs` with `options` (its on_problem is replaced) and reads to the end.
inline ReadResult ReadAll(const std::vector<std::string>& inputs, ReadOptions options = {}) {
  ReadResult result;
  options.on_problem = [&](const ReadProblem& p) { result.problems.push_back(p); };
  auto reader = DocumentReader::Open(inputs, options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return result;
  RawDocument doc;
  while (reader.value()->Next(&doc)) result.docs.push_back(doc);
  result.stats = reader.value()->stats();
  return result;
}

}  // namespace reprint::read::testing
