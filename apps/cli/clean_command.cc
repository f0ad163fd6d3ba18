#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "learn_templates.h"
#include "output_file.h"
#include "problem_log.h"
#include "progress.h"
#include "reprint/corpus.h"

namespace reprint::cli {

int RunClean(CleanArgs& clean_args) {
  const CommonArgs& args = clean_args.common;
  ProblemLog log;
  CorpusOptions options;
  options.read = args.read;
  options.read.on_problem = [&log](const ReadProblem& p) { log.Report(p); };
  options.threads = args.threads;
  options.strict = args.strict;
  OutputFile out(args.output);
  if (!out.ok()) {
    std::fprintf(stderr, "reprint: %s\n", out.error().c_str());
    return 2;
  }
  if (!LearnTemplatesIfAsked(args, options, clean_args.template_min_documents, &options.clean.templates)) return 2;
  CorpusStats stats;
  Status status = CleanCorpus(
      args.inputs, options,
      [&out](uint64_t, const CleanDocument& doc) {
        nlohmann::ordered_json j;
        j["id"] = doc.id;
        if (!doc.url.empty()) j["url"] = doc.url;
        if (!doc.title.empty()) j["title"] = doc.title;
        j["text"] = doc.text;
        out.WriteLine(j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
      },
      &stats);
  if (!out.Close()) {
    std::fprintf(stderr, "reprint: %s\n", out.error().c_str());
    return 2;
  }
  if (!status.ok()) {
    std::fprintf(stderr, "reprint: %s\n", status.ToString().c_str());
    return log.total() > 0 ? 1 : 2;
  }
  if (!args.quiet) {
    std::string summary = "reprint: cleaned " + WithThousands(stats.documents - log.total()) + " documents (" +
                          HumanBytes(static_cast<double>(stats.input_bytes)) + ")";
    if (options.clean.templates) summary += TemplateSummary(*options.clean.templates, stats.template_paragraphs);
    if (log.total() > 0) summary += "; " + log.Summary();
    std::fprintf(stderr, "%s.\n", summary.c_str());
  }
  return log.total() > 0 ? 1 : 0;
}

}  // namespace reprint::cli
