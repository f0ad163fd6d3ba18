// LoadGoldPages, SameTitle and SameDate: the gold side of extraction evaluation.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "clean/paragraphs.h"
#include "extract/date.h"
#include "extract/dom.h"
#include "reprint/extract_eval.h"

namespace reprint {
namespace {

namespace fs = std::filesystem;

bool ReadWhole(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = std::move(ss).str();
  return true;
}

std::string JsonString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Status LoadReadabilityPages(const fs::path& dir, std::vector<GoldPage>* pages) {
  extract::HtmlDocument doc;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    const fs::path source = e.path() / "source.html", expected = e.path() / "expected.html";
    if (!fs::is_regular_file(source) || !fs::is_regular_file(expected)) continue;
    GoldPage page;
    page.name = e.path().filename().string();
    page.html_path = source.string();
    std::string html;
    if (!ReadWhole(expected, &html)) return Status::IoError("cannot read " + expected.string());
    if (!doc.Parse(html)) return Status::MalformedInput("cannot parse " + expected.string());
    clean::ParagraphBuilder text;
    extract::AppendAllText(doc.html(), &text);
    if (!text.paragraphs().empty()) page.text.assign(text.Range(0, text.paragraphs().size()));
    std::string meta;
    if (ReadWhole(e.path() / "expected-metadata.json", &meta)) {
      const nlohmann::json j = nlohmann::json::parse(meta, nullptr, /*allow_exceptions=*/false);
      if (j.is_object()) {
        page.title = JsonString(j, "title");
        page.date = JsonString(j, "publishedTime");
      }
    }
    pages->push_back(std::move(page));
  }
  return Status::Ok();
}

Status LoadNewspaperPages(const fs::path& dir, std::vector<GoldPage>* pages) {
  for (const fs::directory_entry& e : fs::directory_iterator(dir / "html")) {
    if (e.path().extension() != ".html") continue;
    const fs::path txt = dir / "txt" / (e.path().stem().string() + ".txt");
    if (!fs::is_regular_file(txt)) continue;
    GoldPage page;
    page.name = e.path().stem().string();
    page.html_path = e.path().string();
    if (!ReadWhole(txt, &page.text)) return Status::IoError("cannot read " + txt.string());
    pages->push_back(std::move(page));
  }
  return Status::Ok();
}

std::string FoldSpaces(std::string_view s) {
  clean::ParagraphBuilder b;
  b.Append(s);
  b.Break();
  return b.paragraphs().empty() ? std::string() : std::string(b.paragraph(0));
}

}  // namespace

Result<std::vector<GoldPage>> LoadGoldPages(const std::string& dir) {
  std::vector<GoldPage> pages;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": not a directory");
  Status st = fs::is_directory(fs::path(dir) / "html") && fs::is_directory(fs::path(dir) / "txt")
                  ? LoadNewspaperPages(dir, &pages)
                  : LoadReadabilityPages(dir, &pages);
  if (!st.ok()) return st;
  if (pages.empty()) return Status::NotFound(dir + ": no gold pages (expected <page>/source.html + expected.html, or html/ + txt/)");
  std::sort(pages.begin(), pages.end(), [](const GoldPage& a, const GoldPage& b) { return a.name < b.name; });
  return pages;
}

bool SameTitle(std::string_view extracted, std::string_view gold) { return FoldSpaces(extracted) == FoldSpaces(gold); }

bool SameDate(std::string_view extracted, std::string_view gold) {
  const std::string g = extract::NormalizeDate(gold), x = extract::NormalizeDate(extracted);
  return g.size() >= 10 && x.size() >= 10 && g.compare(0, 10, x, 0, 10) == 0;
}

}  // namespace reprint
