// Extractor: orchestration of the extract stage. Each step lives in its own
// file; this one decides which a document needs:
//   binary check -> (UTF-16 decoding) -> format sniff ->
//   (HTML: charset decoding | text: UTF-8, else windows-1252) ->
//   (HTML: entity-encoded markup repair -> metadata -> node table -> scoring
//    and selection -> emission, retried with relaxed filters when short;
//    flat tag stripping past the depth or size limits)
//   | (text: entity decoding -> paragraph split -> chrome trimming).
#include "reprint/extractor.h"

#include <myhtml/api.h>

#include <cstring>

#include "clean/charset.h"
#include "clean/entities.h"
#include "clean/format_detect.h"
#include "util/binary_sniff.h"
#include "clean/html_lexer.h"
#include "clean/paragraphs.h"
#include "clean/tag_stripper.h"
#include "clean/text_boilerplate.h"
#include "clean/utf8.h"
#include "extract/article_emitter.h"
#include "extract/byline.h"
#include "extract/content_scorer.h"
#include "extract/dom.h"
#include "extract/metadata.h"
#include "extract/date.h"
#include "extract/node_table.h"

namespace reprint {
namespace {

constexpr int kEntityRounds = 3;
// Selected text that is mostly link text is an index or navigation page.
constexpr double kMaxArticleLinkDensity = 0.5;
// JSON-LD articleBody replaces the DOM text only when it is this many times
// longer (bodies are often truncated teasers, so never the other way round).
constexpr size_t kArticleBodyRatio = 2;
constexpr size_t kMinArticleBodyBytes = 500;

}  // namespace

struct Extractor::Impl {
  explicit Impl(const ExtractOptions& o) : options(o) {}
  void Html(std::string_view html, Article* out);
  void Flat(std::string_view html, Article* out);
  void Finish(const clean::ParagraphBuilder& b, size_t first, size_t last, Article* out);
  void TitleFromLeadingText(Article* out);
  void StripTemplates(const RawDocument& raw, Article* out);

  ExtractOptions options;
  extract::HtmlDocument doc;
  extract::NodeTable table;
  extract::PageMetadata meta;
  clean::TagStripper stripper;
  clean::ParagraphBuilder attempt, best;
  clean::CharsetDecoder charsets;
  std::string utf8, utf16, decoded, scratch;
};

void Extractor::Impl::Finish(const clean::ParagraphBuilder& b, size_t first, size_t last, Article* out) {
  out->paragraphs.clear();
  out->text.clear();
  for (size_t i = first; i < last; ++i) out->paragraphs.emplace_back(b.paragraph(i));
  if (first < last) out->text.assign(b.Range(first, last));
}

void Extractor::Impl::StripTemplates(const RawDocument& raw, Article* out) {
  const std::string key = TemplateSourceKey(raw.source, raw.url.empty() ? out->canonical_url : raw.url);
  const size_t removed = options.templates->Strip(key, &out->paragraphs);
  if (removed == 0) return;
  out->template_paragraphs = static_cast<uint32_t>(removed);
  out->text.clear();
  for (const std::string& p : out->paragraphs) {
    if (!out->text.empty()) out->text += "\n\n";
    out->text += p;
  }
  if (out->text.empty()) out->no_article_reason = "only the source's template";
}

// A page that names no title anywhere (no <title>, og:, JSON-LD or single
// <h1>), e.g. a headline line above entity-encoded markup: the headline-like
// paragraph leading the text, by the clean stage's rule. `best` holds the
// paragraphs the text was taken from.
void Extractor::Impl::TitleFromLeadingText(Article* out) {
  if (!out->title.empty() || out->text.empty()) return;
  const clean::TrimResult keep = clean::TrimBoilerplate(best);
  if (keep.title < best.paragraphs().size()) out->title.assign(best.paragraph(keep.title));
}

void Extractor::Impl::Flat(std::string_view html, Article* out) {
  best.Clear();
  std::string title;
  stripper.Strip(html, &best, &title);
  const clean::TrimResult keep = clean::TrimBoilerplate(best);
  Finish(best, keep.first, keep.last, out);
  if (out->title.empty()) out->title = extract::TitleFromDocumentTitle(title);
}

void Extractor::Impl::Html(std::string_view html, Article* out) {
  if (clean::LooksEntityEncodedMarkup(html)) {
    clean::DecodeEntities(html, clean::EntityMode::kMarkupSafe, kEntityRounds, &decoded, &scratch);
    html = decoded;
  }
  const bool flatten = html.size() > options.max_html_parse_bytes ||
                       clean::EstimateHtmlDepth(html, options.max_html_depth) > options.max_html_depth;
  if (flatten || !doc.Parse(html) || doc.body() == nullptr) {
    Flat(html, out);
    if (out->text.empty()) out->no_article_reason = "no text";
    return;
  }
  extract::ReadMetadata(doc.html(), &meta);
  out->title = meta.title;
  out->date = meta.date;
  out->authors = meta.authors;
  out->site_name = meta.site_name;
  out->lang = meta.lang;
  out->canonical_url = meta.canonical_url;

  // Readability's cascade: each retry relaxes one more filter.
  const extract::ScoreFlags cascade[] = {{true, true, true}, {false, true, true}, {false, false, true},
                                         {false, false, false}};
  best.Clear();
  double best_link_density = 0;
  bool any_selected = false;
  std::string byline;
  for (const extract::ScoreFlags& flags : cascade) {
    extract::BuildNodeTable(doc.body(), flags, &table);
    const extract::Selection sel = extract::ScoreAndSelect(&table);
    if (sel.top < 0) continue;
    any_selected = true;
    attempt.Clear();
    extract::EmitArticle(table, sel, flags, meta.title, &attempt);
    uint64_t text = 0, links = 0;
    for (int32_t r : sel.roots) {
      text += table.rows[r].text;
      links += table.rows[r].link_text;
    }
    if (attempt.text_bytes() > best.text_bytes()) {
      std::swap(best, attempt);
      best_link_density = text == 0 ? 0.0 : static_cast<double>(links) / static_cast<double>(text);
      byline = table.byline;
    }
    if (best.text_bytes() >= options.retry_below_bytes) break;
  }
  if (out->authors.empty() && !byline.empty()) out->authors = extract::AuthorsFromByline(byline);
  if (meta.article_body.size() >= kMinArticleBodyBytes &&
      meta.article_body.size() > kArticleBodyRatio * best.text_bytes()) {
    clean::DecodeEntities(meta.article_body, clean::EntityMode::kAll, kEntityRounds, &decoded, &scratch);
    best.Clear();
    clean::SplitPlainText(decoded, &best);
    Finish(best, 0, best.paragraphs().size(), out);
    return;
  }
  if (!any_selected) {
    out->no_article_reason = "no paragraph of prose";
  } else if (best_link_density > kMaxArticleLinkDensity) {
    out->no_article_reason = "mostly links: an index or navigation page";
  } else {
    Finish(best, 0, best.paragraphs().size(), out);
    if (out->text.empty()) out->no_article_reason = "no text";
  }
}

Extractor::Extractor(const ExtractOptions& options) : impl_(std::make_unique<Impl>(options)) {}
Extractor::~Extractor() = default;

void Extractor::ExtractHtml(std::string_view html, Article* out) {
  Impl& s = *impl_;
  *out = Article();
  out->was_html = true;
  const clean::CharsetDecoder::Page page = s.charsets.Decode(html, &s.utf8);
  out->encoding = page.encoding->name;
  out->repaired_utf8 = page.replaced;
  s.Html(page.text, out);
  s.TitleFromLeadingText(out);
}

Status Extractor::Extract(const RawDocument& raw, Article* out) {
  Impl& s = *impl_;
  std::string_view content = raw.content;
  if (LooksBinary(content)) return Status::MalformedInput("binary content");
  // Format sniffing reads ASCII markup, so UTF-16 (HTML or text) is decoded first.
  clean::CharsetDecoder::Page utf16{};
  if (clean::HasUtf16Bom(content)) content = (utf16 = s.charsets.Decode(content, &s.utf16)).text;
  if (clean::ReadAsHtml(raw.format, content)) {
    ExtractHtml(content, out);
  } else {
    *out = Article();
    if (utf16.encoding == nullptr) {
      const clean::CharsetDecoder::Page page = s.charsets.DecodeText(content, &s.utf8);
      content = page.text;
      out->encoding = page.encoding->name;
      out->repaired_utf8 = page.replaced;
    }
    if (std::memchr(content.data(), '&', content.size()) != nullptr) {
      clean::DecodeEntities(content, clean::EntityMode::kAll, kEntityRounds, &s.decoded, &s.scratch);
      content = s.decoded;
    }
    s.best.Clear();
    clean::SplitPlainText(content, &s.best);
    const clean::TrimResult keep = clean::TrimBoilerplate(s.best);
    s.Finish(s.best, keep.first, keep.last, out);
    if (keep.title < s.best.paragraphs().size()) out->title.assign(s.best.paragraph(keep.title));
    if (out->text.empty()) out->no_article_reason = "no text";
  }
  if (utf16.encoding != nullptr) {
    out->encoding = utf16.encoding->name;
    out->repaired_utf8 |= utf16.replaced;
  }
  if (s.options.templates != nullptr) s.StripTemplates(raw, out);
  if (!raw.title.empty()) out->title = raw.title;
  if (!raw.date.empty()) {
    std::string d = extract::NormalizeDate(raw.date);
    out->date = d.empty() ? raw.date : d;
  }
  return Status::Ok();
}

}  // namespace reprint
