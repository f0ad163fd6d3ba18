#include "read/jsonl_record.h"

#include <simdjson.h>

#include <charconv>
#include <string_view>

#include "read/blank_text.h"
#include "read/line_splitter.h"
#include "read/utf8_repair.h"

namespace reprint::read {
namespace {

static_assert(kLinePadding >= simdjson::SIMDJSON_PADDING);

using simdjson::dom::element;
using simdjson::dom::element_type;

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

// Writes a number's decimal form into *out. Returns false if `e` is not a number.
bool NumberToString(element e, std::string* out) {
  char buf[64];
  std::to_chars_result r{};
  switch (e.type()) {
    case element_type::INT64: r = std::to_chars(buf, buf + sizeof buf, int64_t(e)); break;
    case element_type::UINT64: r = std::to_chars(buf, buf + sizeof buf, uint64_t(e)); break;
    case element_type::DOUBLE: r = std::to_chars(buf, buf + sizeof buf, double(e)); break;
    default: return false;
  }
  out->assign(buf, r.ptr);
  return true;
}

// Optional metadata: strings as is, numbers/booleans in JSON form, else "".
void AssignScalar(const element* e, std::string* out) {
  if (e == nullptr) {
    out->clear();
    return;
  }
  switch (e->type()) {
    case element_type::STRING: out->assign(std::string_view(*e)); return;
    case element_type::BOOL: out->assign(bool(*e) ? "true" : "false"); return;
    default:
      if (!NumberToString(*e, out)) out->clear();
  }
}

bool IsNull(const element* e) { return e == nullptr || e->type() == element_type::NULL_VALUE; }

}  // namespace

struct JsonlRecordParser::Impl {
  simdjson::dom::parser parser;
  std::string repaired;    // reused buffer for lines with invalid UTF-8
  std::string surrogates;  // reused buffer for lines with unpaired surrogate escapes
};

JsonlRecordParser::JsonlRecordParser(const ReadOptions* options)
    : options_(options), impl_(std::make_unique<Impl>()) {}
JsonlRecordParser::~JsonlRecordParser() = default;

Status JsonlRecordParser::Parse(const char* data, size_t size, RawDocument* doc) {
  element root;
  simdjson::error_code err = impl_->parser.parse(data, size, /*realloc_if_needed=*/false).get(root);
  const char* line = data;  // the line as finally parsed
  size_t length = size;
  if (err == simdjson::UTF8_ERROR) {
    if (!options_->repair_invalid_utf8) return Status::MalformedInput("invalid UTF-8 in JSON line");
    std::string& fixed = impl_->repaired;
    fixed.clear();
    AppendRepairedUtf8(line, length, &fixed);
    length = fixed.size();
    fixed.append(kLinePadding, ' ');
    line = fixed.data();
    err = impl_->parser.parse(line, length, false).get(root);
  }
  if (err == simdjson::STRING_ERROR && options_->repair_invalid_utf8) {
    // Perhaps unpaired surrogate escapes (backslash-u D800): replace them and retry.
    std::string& fixed = impl_->surrogates;
    fixed.clear();
    if (AppendWithLoneSurrogatesReplaced(line, length, &fixed) > 0) {
      const size_t n = fixed.size();
      fixed.append(kLinePadding, ' ');
      err = impl_->parser.parse(fixed.data(), n, false).get(root);
    }
  }
  if (err) return Status::MalformedInput(std::string("malformed JSON: ") + simdjson::error_message(err));
  simdjson::dom::object object;
  if (root.get(object)) return Status::MalformedInput("JSON line is not an object");

  const ReadOptions& o = *options_;
  element id, text, html, url, source, date, title;
  const element *pid = nullptr, *ptext = nullptr, *phtml = nullptr, *purl = nullptr,
                *psource = nullptr, *pdate = nullptr, *ptitle = nullptr;
  for (simdjson::dom::key_value_pair field : object) {
    const std::string_view key = field.key;
    if (key == o.id_field) id = field.value, pid = &id;
    if (key == o.text_field) text = field.value, ptext = &text;
    if (key == o.html_field) html = field.value, phtml = &html;
    if (key == o.url_field) url = field.value, purl = &url;
    if (key == o.source_field) source = field.value, psource = &source;
    if (key == o.date_field) date = field.value, pdate = &date;
    if (key == o.title_field) title = field.value, ptitle = &title;
  }

  if (IsNull(phtml) && IsNull(ptext)) {
    return Status::MalformedInput("no " + Quoted(o.text_field) + " or " + Quoted(o.html_field) +
                                  " field");
  }
  std::string_view html_view, text_view;
  if (!IsNull(phtml) && html.get(html_view)) {
    return Status::MalformedInput("field " + Quoted(o.html_field) + " is not a string");
  }
  if (!IsNull(ptext) && text.get(text_view)) {
    return Status::MalformedInput("field " + Quoted(o.text_field) + " is not a string");
  }
  const bool use_html =
      !IsNull(phtml) && (IsNull(ptext) || !IsBlank(html_view.data(), html_view.size()));
  const std::string_view content = use_html ? html_view : text_view;
  if (IsBlank(content.data(), content.size())) return Status::MalformedInput("empty document");

  if (IsNull(pid)) {
    doc->id.clear();
  } else if (id.type() == element_type::STRING) {
    doc->id.assign(std::string_view(id));
  } else if (!NumberToString(id, &doc->id)) {
    return Status::MalformedInput("field " + Quoted(o.id_field) + " is not a string or number");
  }
  doc->format = use_html ? DocumentFormat::kHtml : DocumentFormat::kAuto;
  doc->content.assign(content);
  AssignScalar(purl, &doc->url);
  AssignScalar(psource, &doc->source);
  AssignScalar(pdate, &doc->date);
  AssignScalar(ptitle, &doc->title);
  return Status::Ok();
}

}  // namespace reprint::read
