// Extractor: a news page (HTML or plain text) -> its article body and metadata.
//
// HTML is parsed with myhtml and scored: paragraphs of prose add to the score
// of their container and its ancestors (commas and length count, link text
// counts against, class/id hints such as article/content/story push up and
// nav/footer/comment/share/related/promo/ad push down); the best container is
// taken together with its siblings that score or read like prose, and inside
// it navigation, share bars, related lists, link farms, forms, bylines and
// empty blocks are dropped while headings and lists stay. Structured data
// (JSON-LD, og:/article: meta, itemprop) gives the metadata and, only when
// the DOM yields much less text than its articleBody, the body.
//
// Pages in other encodings are decoded (ICU) from the charset their byte
// order mark or <meta> declares, windows-1252 when undeclared and not UTF-8.
// The clean stage's safeguards are reused: UTF-8 repair, entity decoding
// (also double-escaped), pages whose markup is entity-encoded (decoded before
// parsing), and the linear tag stripper plus prose trimming for pages nested
// deeper than max_html_depth or larger than max_html_parse_bytes.
// Plain text gets the clean stage's prose trimming of site chrome.
//
// Thread safety: an Extractor keeps a parser and buffers: one per thread.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reprint/corpus.h"
#include "reprint/document.h"
#include "reprint/status.h"
#include "reprint/templates.h"

namespace reprint {

struct ExtractOptions {
  // HTML nested deeper than this, or larger than max_html_parse_bytes, is not
  // parsed into a tree but flattened (text kept, structure and scoring lost).
  size_t max_html_depth = 256;
  size_t max_html_parse_bytes = 32 << 20;
  // An extraction shorter than this (bytes of text) is retried with the
  // filters relaxed one at a time (unlikely-chrome removal, class weights,
  // conditional cleaning); the longest result wins.
  size_t retry_below_bytes = 500;
  // The sources' template paragraphs (reprint/templates.h, learnt by
  // LearnTemplates()), removed from the article; null: none.
  std::shared_ptr<const SourceTemplates> templates;
};

struct Article {
  std::string title;          // without the site-name suffix
  std::string date;           // ISO 8601 (YYYY-MM-DD[Thh:mm:ss[zone]]) or ""
  std::vector<std::string> authors;
  std::string site_name;
  std::string lang;           // BCP 47 as the page declares it, or ""
  std::string canonical_url;
  std::vector<std::string> paragraphs;  // the article body
  std::string text;                     // paragraphs joined by "\n\n"
  std::string no_article_reason;        // non-empty iff text is empty
  uint32_t template_paragraphs = 0;     // removed as the source's template
  // The encoding the bytes were read as (WHATWG name: "UTF-8",
  // "windows-1252", "Shift_JIS", "UTF-16LE", ...).
  std::string encoding = "UTF-8";
  bool was_html = false;
  bool repaired_utf8 = false;  // invalid byte sequences were replaced by U+FFFD
};

class Extractor {
 public:
  explicit Extractor(const ExtractOptions& options = ExtractOptions());
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Fills *out. raw.title and raw.date, when set, take precedence over the
  // page's. Returns a non-OK status only for content that is not text at
  // all (binary); a page without an article is OK with an empty text and
  // out->no_article_reason set.
  Status Extract(const RawDocument& raw, Article* out);

  // The HTML path alone. `html` may be any bytes: decoded from the charset
  // it declares (see above), invalid sequences replaced by U+FFFD.
  void ExtractHtml(std::string_view html, Article* out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ExtractCorpus(): read and extract a whole corpus in parallel on the
// pipeline's ordered batches (one Extractor per worker thread), calling
// visit(raw, article) for every document that could be extracted, in input
// order, from the calling thread: the output never depends on
// options.threads. Documents that cannot be extracted (binary) and unreadable
// records go to options.read.on_problem and count in stats->skipped.
// options.clean is not used.
Status ExtractCorpus(const std::vector<std::string>& inputs, const CorpusOptions& options,
                     const ExtractOptions& extract,
                     const std::function<void(const RawDocument& raw, const Article& article)>& visit,
                     CorpusStats* stats);

}  // namespace reprint
