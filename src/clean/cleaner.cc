// Cleaner: the clean stage's orchestration. Each step lives in its own file;
// this one decides which steps a document needs and in what order:
//   binary check -> format sniff -> UTF-8 repair -> (HTML: entity-mangled
//   markup repair -> tree or flat extraction) | (text: entity decoding ->
//   paragraph split) -> chrome trimming.
#include "reprint/cleaner.h"

#include <cstring>

#include "clean/entities.h"
#include "clean/format_detect.h"
#include "clean/html_lexer.h"
#include "clean/html_text.h"
#include "clean/paragraphs.h"
#include "clean/tag_stripper.h"
#include "clean/text_boilerplate.h"
#include "clean/utf8.h"

namespace reprint {

using clean::EntityMode;

namespace {

constexpr int kEntityRounds = 3;

}  // namespace

struct Cleaner::Impl {
  explicit Impl(const CleanOptions& o) : options(o) {}

  void CleanTitle(std::string_view raw, std::string* title);
  void ExtractHtml(std::string_view html, std::string* title);

  CleanOptions options;
  clean::HtmlText html;
  clean::TagStripper stripper;
  clean::ParagraphBuilder paragraphs;
  std::string utf8;
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
  if (!flatten && this->html.Extract(html, &paragraphs, title)) return;
  paragraphs.Clear();
  stripper.Strip(html, &paragraphs, title);
}

Cleaner::Cleaner(const CleanOptions& options) : impl_(std::make_unique<Impl>(options)) {}

Cleaner::~Cleaner() = default;

Status Cleaner::Clean(const RawDocument& raw, CleanDocument* out) {
  Impl& s = *impl_;
  out->id = raw.id;
  out->url = raw.url;
  out->source = raw.source;
  out->date = raw.date;
  out->title.clear();
  out->text.clear();
  out->was_html = false;
  out->repaired_utf8 = false;

  std::string_view content = raw.content;
  if (clean::LooksBinary(content)) return Status::MalformedInput("binary content");
  bool is_html = raw.format == DocumentFormat::kHtml;
  if (raw.format == DocumentFormat::kAuto) {
    is_html = clean::SniffFormat(content, /*check_binary=*/false) == clean::SniffedFormat::kHtml;
  }
  if (!clean::IsCleanUtf8(content)) {
    s.utf8.clear();
    out->repaired_utf8 = clean::SanitizeUtf8(content, &s.utf8);
    content = s.utf8;
  }

  std::string html_title;
  s.paragraphs.Clear();
  if (is_html) {
    out->was_html = true;
    s.ExtractHtml(content, &html_title);
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
