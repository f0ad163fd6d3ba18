// reprint eval extract --gold DIR: shingle precision / recall / F1 of the
// extracted article text against gold text, per page and micro-averaged with
// bootstrap intervals; title exact-match and date correctness where the gold
// has them.
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "extract_commands.h"
#include "reprint/cleaner.h"
#include "reprint/extract_eval.h"
#include "reprint/extractor.h"

namespace reprint::cli {
namespace {

struct PageResult {
  std::string name;
  ShingleMatch match;
  int title = -1;  // -1: no gold title; 0 wrong; 1 exact
  int date = -1;
  std::string title_got, date_got, reason;
};

}  // namespace

int RunEvalExtract(const EvalExtractArgs& args) {
  Result<std::vector<GoldPage>> pages = LoadGoldPages(args.gold);
  if (!pages.ok()) {
    std::fprintf(stderr, "reprint: %s\n", pages.status().ToString().c_str());
    return 2;
  }
  Extractor extractor;
  // The baseline: the clean stage's page-text path for HTML, as it was before
  // the Cleaner called the Extractor.
  CleanOptions baseline;
  baseline.extract_article = false;
  Cleaner cleaner(baseline);
  ShingleMatcher matcher;
  std::vector<PageResult> results;
  std::vector<ShingleMatch> matches;
  int titles = 0, titles_ok = 0, dates = 0, dates_ok = 0;
  for (const GoldPage& page : pages.value()) {
    std::ifstream in(page.html_path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    RawDocument raw;
    raw.id = page.name;
    raw.format = DocumentFormat::kHtml;
    raw.content = std::move(ss).str();
    PageResult r;
    r.name = page.name;
    std::string text;
    if (args.method == "cleaner") {
      CleanDocument doc;
      if (cleaner.Clean(raw, &doc).ok()) {
        text = doc.text;
        r.title_got = doc.title;
      }
    } else {
      Article article;
      if (extractor.Extract(raw, &article).ok()) {
        text = article.text;
        r.title_got = article.title;
        r.date_got = article.date;
        r.reason = article.no_article_reason;
      }
    }
    r.match = matcher.Match(text, page.text);
    if (!page.title.empty()) {
      r.title = SameTitle(r.title_got, page.title) ? 1 : 0;
      ++titles;
      titles_ok += r.title;
    }
    if (!page.date.empty()) {
      r.date = SameDate(r.date_got, page.date) ? 1 : 0;
      ++dates;
      dates_ok += r.date;
    }
    matches.push_back(r.match);
    results.push_back(std::move(r));
  }
  const MicroAverage avg = MicroAverageWithBootstrap(matches, args.resamples, args.seed);
  const double title_rate = titles == 0 ? 0.0 : static_cast<double>(titles_ok) / titles;
  const double date_rate = dates == 0 ? 0.0 : static_cast<double>(dates_ok) / dates;
  if (args.json) {
    nlohmann::ordered_json j;
    j["gold"] = args.gold;
    j["method"] = args.method;
    j["pages"] = results.size();
    j["precision"] = avg.total.precision();
    j["recall"] = avg.total.recall();
    j["f1"] = avg.total.f1();
    j["f1_ci95"] = {avg.f1.low, avg.f1.high};
    j["precision_ci95"] = {avg.precision.low, avg.precision.high};
    j["recall_ci95"] = {avg.recall.low, avg.recall.high};
    j["title_pages"] = titles;
    j["title_exact"] = title_rate;
    j["date_pages"] = dates;
    j["date_correct"] = date_rate;
    if (!args.quiet_pages) {
      for (const PageResult& r : results) {
        nlohmann::ordered_json p;
        p["page"] = r.name;
        p["precision"] = r.match.precision();
        p["recall"] = r.match.recall();
        p["f1"] = r.match.f1();
        if (r.title >= 0) p["title_ok"] = r.title == 1;
        if (r.date >= 0) p["date_ok"] = r.date == 1;
        if (!r.reason.empty()) p["no_article_reason"] = r.reason;
        j["per_page"].push_back(p);
      }
    }
    std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
    return 0;
  }
  if (!args.quiet_pages) {
    std::printf("%-48s %7s %7s %7s  %-5s %-5s\n", "page", "P", "R", "F1", "title", "date");
    for (const PageResult& r : results) {
      std::printf("%-48s %7.4f %7.4f %7.4f  %-5s %-5s%s%s\n", r.name.c_str(), r.match.precision(), r.match.recall(),
                  r.match.f1(), r.title < 0 ? "-" : r.title ? "ok" : "WRONG", r.date < 0 ? "-" : r.date ? "ok" : "WRONG",
                  r.reason.empty() ? "" : "  no article: ", r.reason.c_str());
    }
  }
  std::printf("%s (%s, %zu pages): precision %.4f [%.4f, %.4f]  recall %.4f [%.4f, %.4f]  F1 %.4f [%.4f, %.4f]\n",
              args.gold.c_str(), args.method.c_str(), results.size(), avg.total.precision(), avg.precision.low,
              avg.precision.high, avg.total.recall(), avg.recall.low, avg.recall.high, avg.total.f1(), avg.f1.low,
              avg.f1.high);
  if (titles > 0) std::printf("title exact-match %.4f (%d/%d)\n", title_rate, titles_ok, titles);
  if (dates > 0) std::printf("date correct %.4f (%d/%d)\n", date_rate, dates_ok, dates);
  return 0;
}

}  // namespace reprint::cli
