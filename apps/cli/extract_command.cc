// reprint extract INPUT...: article body and metadata per document, as JSON
// Lines (id, url, title, date, authors, lang, text, paragraphs) or as text.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "extract_commands.h"
#include "output_file.h"
#include "problem_log.h"
#include "progress.h"
#include "reprint/extractor.h"
#include "reprint/reader.h"

namespace reprint::cli {

int RunExtract(ExtractArgs& args) {
  ProblemLog log;
  ReadOptions read = args.common.read;
  read.on_problem = [&log](const ReadProblem& p) { log.Report(p); };
  Result<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(args.common.inputs, read);
  if (!reader.ok()) {
    std::fprintf(stderr, "reprint: %s\n", reader.status().ToString().c_str());
    return 2;
  }
  OutputFile out(args.common.output);
  if (!out.ok()) {
    std::fprintf(stderr, "reprint: %s\n", out.error().c_str());
    return 2;
  }
  Extractor extractor;
  RawDocument raw;
  Article article;
  uint64_t documents = 0, failed = 0, bytes = 0;
  while (reader.value()->Next(&raw)) {
    bytes += raw.content.size();
    const Status st = extractor.Extract(raw, &article);
    if (!st.ok()) {
      ++failed;
      std::fprintf(stderr, "reprint: skipped %s: %s\n", raw.location.ToString().c_str(), st.message().c_str());
      if (args.common.strict) break;
      continue;
    }
    ++documents;
    if (args.format == "text") {
      std::string block = "# " + raw.id + "\n";
      if (!article.title.empty()) block += article.title + "\n\n";
      block += article.text.empty() ? "(no article: " + article.no_article_reason + ")" : article.text;
      block += "\n";
      out.WriteLine(block);
      continue;
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
    j["text"] = article.text;
    j["paragraphs"] = article.paragraphs;
    if (!article.no_article_reason.empty()) j["no_article_reason"] = article.no_article_reason;
    out.WriteLine(j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  }
  if (!out.Close()) {
    std::fprintf(stderr, "reprint: %s\n", out.error().c_str());
    return 2;
  }
  const uint64_t skipped = log.total() + failed;
  if (!args.common.quiet) {
    std::string summary = "reprint: extracted " + WithThousands(documents) + " documents (" +
                          HumanBytes(static_cast<double>(bytes)) + ")";
    if (log.total() > 0) summary += "; " + log.Summary();
    std::fprintf(stderr, "%s.\n", summary.c_str());
  }
  return skipped > 0 ? 1 : 0;
}

}  // namespace reprint::cli
