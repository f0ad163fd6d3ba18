// reprint extract INPUT...: article body and metadata per document, as JSON
// Lines (id, url, title, date, authors, lang, text, paragraphs) or as text.
// The work runs on ExtractCorpus (ordered parallel batches): the output is
// the same for any --threads.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "extract_commands.h"
#include "learn_templates.h"
#include "output_file.h"
#include "problem_log.h"
#include "progress.h"
#include "reprint/extractor.h"

namespace reprint::cli {

int RunExtract(ExtractArgs& args) {
  ProblemLog log;
  CorpusOptions options;
  options.read = args.common.read;
  options.read.on_problem = [&log](const ReadProblem& p) { log.Report(p); };
  options.threads = args.common.threads;
  options.strict = args.common.strict;
  OutputFile out(args.common.output);
  if (!out.ok()) {
    std::fprintf(stderr, "reprint: %s\n", out.error().c_str());
    return 2;
  }
  ExtractOptions extract;
  if (!LearnTemplatesIfAsked(args.common, options, args.template_min_documents, &extract.templates)) return 2;
  const bool text_format = args.format == "text";
  CorpusStats stats;
  const Status status = ExtractCorpus(
      args.common.inputs, options, extract,
      [&](const RawDocument& raw, const Article& article) {
        if (text_format) {
          std::string block = "# " + raw.id + "\n";
          if (!article.title.empty()) block += article.title + "\n\n";
          block += article.text.empty() ? "(no article: " + article.no_article_reason + ")" : article.text;
          block += "\n";
          out.WriteLine(block);
          return;
        }
        nlohmann::ordered_json j;
        j["id"] = raw.id;
        const std::string& url = raw.url.empty() ? article.canonical_url : raw.url;
        if (!url.empty()) j["url"] = url;
        j["title"] = article.title;
        if (!article.date.empty()) j["date"] = article.date;
        j["authors"] = article.authors;
        if (!article.site_name.empty()) j["site_name"] = article.site_name;
        if (!article.lang.empty()) j["lang"] = article.lang;
        if (article.was_html) j["encoding"] = article.encoding;
        j["text"] = article.text;
        j["paragraphs"] = article.paragraphs;
        if (!article.no_article_reason.empty()) j["no_article_reason"] = article.no_article_reason;
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
  if (!args.common.quiet) {
    std::string summary = "reprint: extracted " + WithThousands(stats.documents - log.total()) + " documents (" +
                          HumanBytes(static_cast<double>(stats.input_bytes)) + ")";
    if (extract.templates) summary += TemplateSummary(*extract.templates, stats.template_paragraphs);
    if (log.total() > 0) summary += "; " + log.Summary();
    std::fprintf(stderr, "%s.\n", summary.c_str());
  }
  return log.total() > 0 ? 1 : 0;
}

}  // namespace reprint::cli
