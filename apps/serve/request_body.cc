#include "request_body.h"

#include <nlohmann/json.hpp>
#include <string>

namespace reprint::serve {
namespace {

using Json = nlohmann::json;

// Fills `out` from the string field `name` of `record`; absent and null leave
// it empty. Returns false (with the reason in *error) for any other type.
bool ReadStringField(const Json& record, const char* name, std::string* out, std::string* error) {
  auto it = record.find(name);
  if (it == record.end() || it->is_null()) return true;
  if (!it->is_string()) {
    *error = std::string("field \"") + name + "\" must be a string, not " + it->type_name();
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

// Integer ids are common in feeds; they are taken as their decimal text.
bool ReadId(const Json& record, std::string* id, std::string* error) {
  auto it = record.find("id");
  if (it == record.end() || it->is_null()) {
    *error = "missing \"id\"";
    return false;
  }
  if (it->is_number_integer()) {
    *id = it->dump();
    return true;
  }
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    *error = "field \"id\" must be a non-empty string or an integer";
    return false;
  }
  *id = it->get<std::string>();
  return true;
}

bool ToDocument(const Json& record, RawDocument* doc, std::string* error) {
  if (!record.is_object()) {
    *error = std::string("expected a JSON object, got ") + record.type_name();
    return false;
  }
  std::string text, html;
  if (!ReadId(record, &doc->id, error) || !ReadStringField(record, "text", &text, error) ||
      !ReadStringField(record, "html", &html, error) || !ReadStringField(record, "url", &doc->url, error) ||
      !ReadStringField(record, "source", &doc->source, error) ||
      !ReadStringField(record, "date", &doc->date, error) || !ReadStringField(record, "title", &doc->title, error))
    return false;
  if (record.contains("html") && !record["html"].is_null()) {
    doc->format = DocumentFormat::kHtml;
    doc->content = std::move(html);
  } else if (record.contains("text") && !record["text"].is_null()) {
    doc->format = DocumentFormat::kAuto;  // a "text" holding markup is parsed as HTML, as in `dedup`
    doc->content = std::move(text);
  } else {
    *error = "needs \"text\" or \"html\"";
    return false;
  }
  return true;
}

Status RecordProblem(const std::string& where, const std::string& reason) {
  return Status::MalformedInput(where + ": " + reason);
}

// nlohmann's messages start with "[json.exception.parse_error.101] "; the
// client needs only what follows.
std::string ParseErrorReason(const Json::parse_error& e) {
  std::string what = e.what();
  const size_t end = what.find("] ");
  return end == std::string::npos ? what : what.substr(end + 2);
}

Result<std::vector<RawDocument>> ParseJsonLines(std::string_view body) {
  std::vector<RawDocument> docs;
  uint64_t line_number = 0;
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = "line " + std::to_string(line_number);
    Json record;
    try {
      record = Json::parse(line);
    } catch (const Json::parse_error& e) {
      return RecordProblem(where, "malformed JSON: " + ParseErrorReason(e));
    }
    RawDocument doc;
    std::string error;
    if (!ToDocument(record, &doc, &error)) return RecordProblem(where, error);
    doc.index = docs.size();
    doc.location = {"request", line_number};
    docs.push_back(std::move(doc));
  }
  if (docs.empty()) return Status::MalformedInput("no documents in the body");
  return docs;
}

Result<std::vector<RawDocument>> ParseJsonValue(const Json& value) {
  std::vector<RawDocument> docs;
  if (!value.is_array()) {
    RawDocument doc;
    std::string error;
    if (!ToDocument(value, &doc, &error)) return RecordProblem("record 0", error);
    docs.push_back(std::move(doc));
    return docs;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    RawDocument doc;
    std::string error;
    if (!ToDocument(value[i], &doc, &error)) return RecordProblem("record " + std::to_string(i), error);
    doc.index = i;
    docs.push_back(std::move(doc));
  }
  if (docs.empty()) return Status::MalformedInput("no documents in the body (an empty array)");
  return docs;
}

// Several non-blank lines that each start with '{': JSON Lines sent without
// its Content-Type. A pretty-printed single object has lines starting with
// '"' or '}', so it is not mistaken for JSON Lines.
bool LooksLikeJsonLines(std::string_view body) {
  int object_lines = 0;
  size_t start = 0;
  while (start < body.size() && object_lines < 2) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    const size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos) {
      if (line[first] != '{') return false;
      ++object_lines;
    }
    start = end + 1;
  }
  return object_lines >= 2;
}

}  // namespace

BodyFormat BodyFormatOf(std::string_view content_type) {
  const std::string_view media = content_type.substr(0, content_type.find(';'));
  if (media == "application/x-ndjson" || media == "application/ndjson" || media == "application/jsonl" ||
      media == "application/x-jsonlines" || media == "application/jsonlines")
    return BodyFormat::kJsonLines;
  return BodyFormat::kDetect;
}

Result<std::vector<RawDocument>> ParseDocumentsBody(std::string_view body, BodyFormat format) {
  const size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return Status::MalformedInput("empty body: expected JSON documents");
  if (format == BodyFormat::kJsonLines || (body[first] == '{' && LooksLikeJsonLines(body)))
    return ParseJsonLines(body);
  Json value;
  try {
    value = Json::parse(body);
  } catch (const Json::parse_error& e) {
    return Status::MalformedInput("malformed JSON: " + ParseErrorReason(e));
  }
  return ParseJsonValue(value);
}

}  // namespace reprint::serve
