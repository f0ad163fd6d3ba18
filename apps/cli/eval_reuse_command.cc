// `reprint eval reuse --dir DIR`: passage alignment on the Clough-Stevenson
// corpus of short answers rewritten from a Wikipedia source at four levels
// (cut-and-paste, light and heavy revision, written independently). Each
// answer is aligned with its source; coverage of the answer by the source
// should fall with the level: cut > light > heavy > non.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands.h"
#include "problem_log.h"
#include "reprint/cleaner.h"
#include "reprint/reader.h"

namespace reprint::cli {
namespace {

constexpr const char* kLevels[] = {"cut", "light", "heavy", "non"};

struct Answer {
  std::string file, task, level;
};

// Rows "File,Task,Category" of file_information.csv, sources ("orig") left out.
Status ReadFileInformation(const std::filesystem::path& csv, std::vector<Answer>* answers) {
  std::ifstream in(csv);
  if (!in) return Status::NotFound("cannot open " + csv.string());
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::stringstream fields(line);
    Answer a;
    if (!std::getline(fields, a.file, ',') || !std::getline(fields, a.task, ',') || !std::getline(fields, a.level, ','))
      continue;
    if (a.level != "orig") answers->push_back(a);
  }
  if (answers->empty()) return Status::MalformedInput(csv.string() + ": no rewritten texts listed");
  return Status::Ok();
}

// The clean text of the first document of `path`.
Status LoadText(const std::filesystem::path& path, ProblemLog* log, std::string* text) {
  ReadOptions read;
  read.on_problem = [log](const ReadProblem& p) { log->Report(p); };
  Result<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open({path.string()}, read);
  if (!reader.ok()) return reader.status();
  RawDocument raw;
  if (!reader.value()->Next(&raw)) return Status::NotFound("no readable document in " + path.string());
  Cleaner cleaner;
  CleanDocument doc;
  if (Status s = cleaner.Clean(raw, &doc); !s.ok()) return s;
  *text = std::move(doc.text);
  return Status::Ok();
}

struct LevelStats {
  std::vector<std::pair<double, std::string>> coverage;  // per file, sorted by Finish()
  size_t files() const { return coverage.size(); }
  double mean() const {
    double sum = 0;
    for (const auto& c : coverage) sum += c.first;
    return coverage.empty() ? 0 : sum / static_cast<double>(coverage.size());
  }
  double min() const { return coverage.empty() ? 0 : coverage.front().first; }
  double max() const { return coverage.empty() ? 0 : coverage.back().first; }
  double median() const {
    if (coverage.empty()) return 0;
    const size_t n = coverage.size();
    return n % 2 ? coverage[n / 2].first : (coverage[n / 2 - 1].first + coverage[n / 2].first) / 2;
  }
  void Finish() { std::sort(coverage.begin(), coverage.end()); }
};

// Probability that a random `high` file is covered more than a random `low`
// file (ties count half): the area under the ROC curve separating them.
double SeparationAuc(const LevelStats& high, const LevelStats& low) {
  if (high.files() == 0 || low.files() == 0) return 0;
  double wins = 0;
  for (const auto& h : high.coverage)
    for (const auto& l : low.coverage) wins += h.first > l.first ? 1 : h.first == l.first ? 0.5 : 0;
  return wins / static_cast<double>(high.files() * low.files());
}

double Round4(double x) { return std::round(x * 10000) / 10000; }

}  // namespace

int RunEvalReuse(EvalReuseArgs& args) {
  const std::filesystem::path dir = args.dir;
  std::vector<Answer> answers;
  if (Status s = ReadFileInformation(dir / "file_information.csv", &answers); !s.ok()) {
    std::fprintf(stderr, "reprint: %s\n", s.ToString().c_str());
    return 2;
  }
  ProblemLog log;
  std::map<std::string, std::string> sources;  // task -> source text
  std::map<std::string, LevelStats> stats;
  size_t failed = 0;
  for (const Answer& answer : answers) {
    auto source = sources.find(answer.task);
    if (source == sources.end()) {
      std::string text;
      if (Status s = LoadText(dir / ("orig_task" + answer.task + ".txt"), &log, &text); !s.ok()) {
        std::fprintf(stderr, "reprint: %s\n", s.ToString().c_str());
        return 2;
      }
      source = sources.emplace(answer.task, std::move(text)).first;
    }
    std::string text;
    if (Status s = LoadText(dir / answer.file, &log, &text); !s.ok()) {
      std::fprintf(stderr, "reprint: skipped %s: %s\n", answer.file.c_str(), s.ToString().c_str());
      ++failed;
      continue;
    }
    const double coverage = Align(source->second, text, args.align).coverage_b;
    stats[answer.level].coverage.emplace_back(coverage, answer.file);
  }
  for (auto& [name, level] : stats) level.Finish();
  bool ordered = true;
  for (size_t i = 0; i + 1 < std::size(kLevels); ++i)
    ordered = ordered && stats[kLevels[i]].files() > 0 && stats[kLevels[i]].mean() > stats[kLevels[i + 1]].mean();
  const LevelStats& cut = stats["cut"];
  const LevelStats& non = stats["non"];
  const bool separated = cut.files() > 0 && non.files() > 0 && cut.min() > non.max();
  std::vector<std::string> overlapping;  // cut texts covered no more than some non text
  for (const auto& [coverage, file] : cut.coverage)
    if (coverage <= non.max()) overlapping.push_back(file);
  const double auc = SeparationAuc(cut, non);
  if (args.json) {
    nlohmann::ordered_json j;
    for (const char* name : kLevels) {
      const LevelStats& s = stats[name];
      j["levels"][name] = {{"files", s.files()}, {"mean", Round4(s.mean())}, {"median", Round4(s.median())},
                           {"min", Round4(s.min())}, {"max", Round4(s.max())}};
    }
    j["ordered"] = ordered;
    j["cut_non_separated"] = separated;
    j["cut_not_above_non"] = overlapping;
    j["cut_non_auc"] = Round4(auc);
    j["skipped"] = failed;
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("coverage of each rewritten text by its source (share of its words aligned to the source)\n");
    std::printf("%-6s %6s %7s %7s %7s %7s\n", "level", "files", "mean", "median", "min", "max");
    for (const char* name : kLevels) {
      const LevelStats& s = stats[name];
      std::printf("%-6s %6zu %7.3f %7.3f %7.3f %7.3f\n", name, s.files(), s.mean(), s.median(), s.min(), s.max());
    }
    std::printf("means strictly ordered cut > light > heavy > non: %s\n", ordered ? "yes" : "no");
    std::printf("cut and non overlap: %s (min cut %.3f, max non %.3f)\n", separated ? "no" : "yes", cut.min(), non.max());
    std::printf("cut texts covered no more than the most covered non text: %zu of %zu", overlapping.size(), cut.files());
    for (size_t i = 0; i < overlapping.size(); ++i) std::printf("%s%s", i ? ", " : " (", overlapping[i].c_str());
    std::printf("%s\n", overlapping.empty() ? "" : ")");
    std::printf("P(cut text covered more than non text) = %.4f\n", auc);
  }
  return failed > 0 || log.total() > 0 ? 1 : 0;
}

}  // namespace reprint::cli
