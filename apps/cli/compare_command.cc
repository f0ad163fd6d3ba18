#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "alignment_view.h"
#include "commands.h"
#include "problem_log.h"
#include "reprint/align.h"

namespace reprint::cli {
namespace {

// Loads and cleans the first document of `path`.
Status LoadSide(const std::string& path, const CompareArgs& args, ProblemLog* log, CleanDocument* doc) {
  ReadOptions read = args.common.read;
  read.on_problem = [log](const ReadProblem& p) { log->Report(p); };
  Result<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open({path}, read);
  if (!reader.ok()) return reader.status();
  RawDocument raw;
  if (!reader.value()->Next(&raw)) return Status::NotFound("no readable document in " + path);
  Cleaner cleaner(args.options.clean);
  if (Status s = cleaner.Clean(raw, doc); !s.ok()) return Status::MalformedInput(path + ": " + s.ToString());
  return Status::Ok();
}

std::string Describe(const TextComparison& c) {
  const bool a_smaller = c.a_shingles < c.b_shingles;
  switch (c.relation) {
    case Relation::kExact: return "exact copy (same normalised text)";
    case Relation::kNearDuplicate: return "near-duplicate";
    case Relation::kContained:
      return std::string("contained: ") + (a_smaller ? "A" : "B") + " is a trimmed copy of " + (a_smaller ? "B" : "A");
    default: return "not copies";
  }
}

}  // namespace

int RunCompare(CompareArgs& args) {
  ProblemLog log;
  CleanDocument a, b;
  for (auto [path, side] : {std::pair{&args.a, &a}, std::pair{&args.b, &b}}) {
    if (Status s = LoadSide(*path, args, &log, side); !s.ok()) {
      std::fprintf(stderr, "reprint: %s\n", s.ToString().c_str());
      return 2;
    }
  }
  const TextComparison c = CompareTexts(a.text, b.text, args.options.fingerprint, args.options.thresholds);
  const PairScores& scores = c.scores;
  const Alignment alignment = Align(a.text, b.text, args.align);
  if (args.json) {
    nlohmann::ordered_json j;
    j["a"] = args.a;
    j["b"] = args.b;
    j["a_shingles"] = c.a_shingles;
    j["b_shingles"] = c.b_shingles;
    j["shared_shingles"] = scores.intersection;
    j["jaccard"] = std::round(scores.jaccard * 10000) / 10000;
    j["containment"] = std::round(scores.containment * 10000) / 10000;
    j["relation"] = std::string(RelationName(c.relation));
    if (c.relation == Relation::kContained) j["contained"] = c.a_shingles < c.b_shingles ? "a" : "b";
    j["alignment"] = AlignmentJson(alignment, a.text, b.text);
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
    return 0;
  }
  std::printf("A            %s (%zu characters, %zu shingles)\n", args.a.c_str(), a.text.size(), c.a_shingles);
  std::printf("B            %s (%zu characters, %zu shingles)\n", args.b.c_str(), b.text.size(), c.b_shingles);
  std::printf("shared       %llu shingles of %d words\n", static_cast<unsigned long long>(scores.intersection),
              args.options.fingerprint.shingle_size);
  std::printf("Jaccard      %.3f\n", scores.jaccard);
  std::printf("containment  %.3f (share of the smaller text found in the larger)\n", scores.containment);
  std::printf("relation     %s\n", Describe(c).c_str());
  std::printf("passages     %zu, %zu gaps\n", alignment.spans.size(), alignment.gaps.size());
  std::printf("coverage     A %.3f (share of A's words reused in B), B %.3f (share of B's words found in A)\n",
              alignment.coverage_a, alignment.coverage_b);
  std::printf("reuse        %s\n\n", std::string(ReuseRelationName(alignment.relation)).c_str());
  std::fflush(stdout);
  PrintSideBySide(stdout, a.text, b.text, alignment,
                  ViewOptions{TerminalWidth(), isatty(STDOUT_FILENO) != 0 && args.colour});
  return 0;
}

}  // namespace reprint::cli
