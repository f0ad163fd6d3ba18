#include "test_util.h"

#include <sys/wait.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

namespace reprint::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("reprint-test-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::Write(const std::string& name, const std::string& content) const {
  fs::path p = path_ / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path SharedDir() { return fs::path(REPRINT_SHARED_DIR); }

namespace {
std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}
}  // namespace

CommandResult RunCli(const std::vector<std::string>& args) {
  TempDir dir;
  std::string command = ShellQuote(REPRINT_CLI_PATH);
  for (const auto& a : args) command += " " + ShellQuote(a);
  command += " > " + ShellQuote((dir.path() / "out").string()) + " 2> " + ShellQuote((dir.path() / "err").string());
  CommandResult result;
  const int status = std::system(command.c_str());
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(dir.path() / "out");
  result.err = ReadFile(dir.path() / "err");
  return result;
}

namespace {

std::vector<std::string> LoadBbcArticles(size_t count) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(SharedDir() / "data/corpora/bbc"))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> texts;
  for (const auto& f : files) {
    std::string text = ReadFile(f);
    if (text.size() < 1200) continue;  // keep articles long enough to trim
    texts.push_back(text);
    if (texts.size() == count) break;
  }
  return texts;
}

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, sep))
    if (!part.empty()) parts.push_back(part);
  return parts;
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

std::string Mutate(const std::string& text, std::mt19937_64& rng) {
  std::vector<std::string> paragraphs = Split(text, '\n');
  switch (rng() % 4) {
    case 0: {  // trim to 40-90 % of the words, keeping the start
      std::vector<std::string> words = Split(Join(paragraphs, "\n\n"), ' ');
      words.resize(std::max<size_t>(1, words.size() * (40 + rng() % 51) / 100));
      return Join(words, " ");
    }
    case 1: {  // edit ~2 % of the words
      std::vector<std::string> words = Split(Join(paragraphs, "\n\n"), ' ');
      for (size_t i = 0; i < words.size() / 50; ++i) words[rng() % words.size()] = "edited";
      return Join(words, " ");
    }
    case 2:  // swap two paragraphs
      if (paragraphs.size() > 2) std::swap(paragraphs[1], paragraphs[paragraphs.size() - 1]);
      break;
    default:  // site chrome around it
      paragraphs.insert(paragraphs.begin(), "The Evening Herald");
      paragraphs.push_back("Related posts");
      paragraphs.push_back("Share this article");
      paragraphs.push_back("Comments are closed.");
      break;
  }
  return Join(paragraphs, "\n\n");
}

}  // namespace

MutatedCorpus MakeMutatedCorpus(size_t originals, size_t copies, uint64_t seed) {
  std::mt19937_64 rng(seed);
  MutatedCorpus corpus;
  std::vector<std::string> base = LoadBbcArticles(originals);
  for (size_t i = 0; i < base.size(); ++i) {
    corpus.ids.push_back("orig-" + std::to_string(i));
    corpus.texts.push_back(base[i]);
    corpus.truth.push_back(static_cast<int>(i));
  }
  for (size_t c = 0; c < copies && !base.empty(); ++c) {
    const size_t source = rng() % std::max<size_t>(1, base.size() / 3);  // a third of the originals get copies
    corpus.ids.push_back("copy-" + std::to_string(c));
    corpus.texts.push_back(Mutate(base[source], rng));
    corpus.truth.push_back(static_cast<int>(source));
  }
  return corpus;
}

void WriteJsonl(const MutatedCorpus& corpus, const fs::path& path) {
  std::ofstream out(path, std::ios::binary);
  for (size_t i = 0; i < corpus.ids.size(); ++i)
    out << nlohmann::json{{"id", corpus.ids[i]}, {"text", corpus.texts[i]}}.dump(-1, ' ', false,
                                                                              nlohmann::json::error_handler_t::replace)
        << "\n";
}

}  // namespace reprint::testing
