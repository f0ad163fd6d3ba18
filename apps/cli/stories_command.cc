#include <cstdio>
#include <nlohmann/json.hpp>

#include "output_file.h"
#include "problem_log.h"
#include "progress.h"
#include "story_commands.h"

namespace reprint::cli {

int RunStories(StoriesArgs& args) {
  ProblemLog log;
  StoryOptions options = args.options;
  options.read = args.common.read;
  options.read.on_problem = [&log](const ReadProblem& p) { log.Report(p); };
  options.threads = args.common.threads;
  options.strict = args.common.strict;
  OutputFile out(args.common.output);
  if (!out.ok()) {
    std::fprintf(stderr, "reprint: %s\n", out.error().c_str());
    return 2;
  }
  Result<StoryResult> result = ClusterStories(args.common.inputs, options);
  if (!result.ok()) {
    std::fprintf(stderr, "reprint: %s\n", result.status().ToString().c_str());
    return log.total() > 0 ? 1 : 2;
  }
  const StoryResult& r = result.value();
  size_t multi = 0;
  for (const Story& s : r.stories) {
    nlohmann::ordered_json j;
    j["story"] = s.id;
    j["size"] = s.members.size();
    j["label"] = s.label;
    nlohmann::ordered_json members = nlohmann::ordered_json::array();
    for (uint32_t m : s.members) members.push_back(r.ids[m]);
    j["members"] = std::move(members);
    out.WriteLine(j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    if (s.members.size() > 1) ++multi;
  }
  if (!out.Close()) {
    std::fprintf(stderr, "reprint: %s\n", out.error().c_str());
    return 2;
  }
  if (!args.common.quiet) {
    std::string summary = "reprint: " + WithThousands(r.stats.documents) + " articles in " +
                          WithThousands(r.stories.size()) + " stories (" + WithThousands(multi) +
                          " with two or more), " + WithThousands(r.stats.copies) + " copies collapsed, " +
                          std::to_string(r.stats.seconds) + " s";
    if (log.total() > 0) summary += "; " + log.Summary();
    std::fprintf(stderr, "%s.\n", summary.c_str());
  }
  return log.total() > 0 ? 1 : 0;
}

}  // namespace reprint::cli
