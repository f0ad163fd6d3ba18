// Cleaner: the clean stage's orchestration. Each step lives in its own file;
// this one decides which steps a document needs and in what order:
//   binary check -> (UTF-16 decoding) -> format sniff ->
//   (HTML: charset decoding | text: UTF-8, else windows-1252) ->
//   (HTML: the Extractor's article body, title and date) |
//   (HTML with extract_article off: entity-mangled markup repair -> tree or
//    flat page text -> chrome trimming) |
//   (text: entity decoding -> paragraph split -> chrome trimming).
#include "reprint/cleaner.h"

#include <cstring>
#include <memory>

#include "clean/charset.h"
#include "clean/entities.h"
#include "clean/format_detect.h"
#include "util/binary_sniff.h"
#include "clean/html_lexer.h"
#include "clean/html_text.h"
#include "clean/paragraphs.h"
#include "clean/tag_stripper.h"
#include "clean/text_boilerplate.h"
#include "clean/utf8.h"
#include "reprint/extractor.h"

namespace reprint {

using clean::EntityMode;

namespace {

constexpr int kEntityRounds = 3;

ExtractOptions ExtractOptionsFor(const CleanOptions& o) {
  ExtractOptions e;
  e.max_html_depth = o.max_html_depth;
  e.max_html_parse_bytes = o.max_html_parse_bytes;
  return e;
}

}  // namespace

struct Cleaner::Impl {
  explicit Impl(const CleanOptions& o) : options(o) {}

  void CleanTitle(std::string_view raw, std::string* title);
  void ExtractHtml(std::string_view html, std::string* title);
  void SanitizeOutput(CleanDocument* out);

  CleanOptions options;
  // Created on first use: a plain-text corpus never builds an HTML parser.
  std::unique_ptr<Extractor> extractor;
  std::unique_ptr<clean::HtmlText> html;
  Article article;
  clean::TagStripper stripper;
  clean::ParagraphBuilder paragraphs;
  clean::CharsetDecoder charsets;
  std::string utf8, utf16;
  std::string decoded;
  std::string scratch;
};

void Cleaner::Impl::CleanTitle(std::string_view raw, std::string* title) {
  std::string valid;
  if (!clean::IsCleanUtf8(raw)) {
    clean::SanitizeUtf8(raw, &valid);
    raw = valid;
  }
  std::string text, tmp;
  clean::DecodeEntities(raw, EntityMode::kAll, kEntityRounds, &text, &tmp);
  clean::ParagraphBuilder one;
  one.Append(text);
  one.Break();
  title->assign(one.paragraphs().empty() ? std::string_view() : one.paragraph(0));
}

void Cleaner::Impl::ExtractHtml(std::string_view html, std::string* title) {
  if (clean::LooksEntityEncodedMarkup(html)) {
    clean::DecodeEntities(html, EntityMode::kMarkupSafe, kEntityRounds, &decoded, &scratch);
    html = decoded;
  }
  // Tree builders are quadratic in nesting depth and a DOM costs several
  // times its input: beyond the limits the page is flattened instead.
  const bool flatten = html.size() > options.max_html_parse_bytes ||
                       clean::EstimateHtmlDepth(html, options.max_html_depth) >
                           options.max_html_depth;
  if (!flatten) {
    if (this->html == nullptr) this->html = std::make_unique<clean::HtmlText>();
    if (this->html->Extract(html, &paragraphs, title)) return;
  }
  paragraphs.Clear();
  stripper.Strip(html, &paragraphs, title);
}

Cleaner::Cleaner(const CleanOptions& options) : impl_(std::make_unique<Impl>(options)) {}

Cleaner::~Cleaner() = default;

// The output contract (valid UTF-8, no control characters but \t \n \r)
// holds whatever the decoders produced: a numeric reference such as &#16;
// decodes to a control character after the input was sanitised.
void Cleaner::Impl::SanitizeOutput(CleanDocument* out) {
  for (std::string* field : {&out->text, &out->title}) {
    if (clean::IsCleanUtf8(*field)) continue;
    scratch.clear();
    out->repaired_utf8 |= clean::SanitizeUtf8(*field, &scratch);
    field->swap(scratch);
  }
}

Status Cleaner::Clean(const RawDocument& raw, CleanDocument* out) {
  Status status = CleanUnchecked(raw, out);
  if (!status.ok()) return status;
  impl_->SanitizeOutput(out);
  if (const SourceTemplates* templates = impl_->options.templates.get()) {
    out->template_paragraphs =
        static_cast<uint32_t>(templates->StripText(TemplateSourceKey(raw.source, out->url), &out->text));
  }
  return status;
}

Status Cleaner::CleanUnchecked(const RawDocument& raw, CleanDocument* out) {
  Impl& s = *impl_;
  out->id = raw.id;
  out->url = raw.url;
  out->source = raw.source;
  out->date = raw.date;
  out->title.clear();
  out->text.clear();
  out->was_html = false;
  out->repaired_utf8 = false;
  out->template_paragraphs = 0;

  std::string_view content = raw.content;
  if (LooksBinary(content)) return Status::MalformedInput("binary content");
  // Format sniffing reads ASCII markup, so UTF-16 (HTML or text) is decoded first.
  if (clean::HasUtf16Bom(content)) {
    const clean::CharsetDecoder::Page page = s.charsets.Decode(content, &s.utf16);
    content = page.text;
    out->repaired_utf8 = page.replaced;
  }
  const bool is_html = clean::ReadAsHtml(raw.format, content);
  if (is_html) {
    const clean::CharsetDecoder::Page page = s.charsets.Decode(content, &s.utf8);
    content = page.text;
    out->repaired_utf8 |= page.replaced;
  } else {
    const clean::CharsetDecoder::Page page = s.charsets.DecodeText(content, &s.utf8);
    content = page.text;
    out->repaired_utf8 |= page.replaced;
  }

  // HTML: the Extractor's article. When it finds none (too little prose, or
  // mostly links) the page text below stands in, so no document loses its
  // words; its title and date still come from the Extractor's metadata.
  std::string html_title;
  if (is_html && s.options.extract_article && s.options.remove_boilerplate) {
    out->was_html = true;
    if (s.extractor == nullptr) s.extractor = std::make_unique<Extractor>(ExtractOptionsFor(s.options));
    s.extractor->ExtractHtml(content, &s.article);
    if (out->date.empty()) out->date.swap(s.article.date);
    if (out->url.empty()) out->url.swap(s.article.canonical_url);
    if (!s.article.text.empty()) {
      out->text.swap(s.article.text);
      if (!raw.title.empty()) {
        s.CleanTitle(raw.title, &out->title);
      } else {
        out->title.swap(s.article.title);
      }
      return Status::Ok();
    }
    html_title.swap(s.article.title);
  }

  s.paragraphs.Clear();
  if (is_html) {
    out->was_html = true;
    std::string page_title;
    s.ExtractHtml(content, &page_title);
    if (html_title.empty()) html_title.swap(page_title);
  } else {
    if (std::memchr(content.data(), '&', content.size()) != nullptr) {
      clean::DecodeEntities(content, EntityMode::kAll, kEntityRounds, &s.decoded, &s.scratch);
      content = s.decoded;
    }
    clean::SplitPlainText(content, &s.paragraphs);
  }

  const size_t n = s.paragraphs.paragraphs().size();
  clean::TrimResult keep;
  keep.last = n;
  if (s.options.remove_boilerplate) keep = clean::TrimBoilerplate(s.paragraphs);
  if (keep.first < keep.last) out->text.assign(s.paragraphs.Range(keep.first, keep.last));

  if (!raw.title.empty()) {
    s.CleanTitle(raw.title, &out->title);
  } else if (!html_title.empty()) {
    out->title = std::move(html_title);
  } else if (keep.title < n) {
    out->title.assign(s.paragraphs.paragraph(keep.title));
  }
  return Status::Ok();
}

}  // namespace reprint
