#include <xxhash.h>

#include <algorithm>
#include <array>
#include <unordered_map>

#include "reprint/templates.h"

namespace reprint {
namespace {

// Paragraphs are compared with ASCII case folded and whitespace collapsed.
// Numbers are kept: lines that differ only in figures are data ("Shr 35 cts
// vs 89 cts" in every earnings report of a wire), not template.
uint64_t ParagraphHash(std::string_view paragraph, std::string* scratch) {
  scratch->clear();
  bool space = false;
  for (char c : paragraph) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !scratch->empty();
      continue;
    }
    if (space) scratch->push_back(' ');
    space = false;
    scratch->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return XXH3_64bits(scratch->data(), scratch->size());
}

uint64_t SourceHash(std::string_view source_key) { return XXH3_64bits(source_key.data(), source_key.size()); }

uint64_t TemplateKey(uint64_t source_hash, uint64_t paragraph_hash) {
  return paragraph_hash ^ (source_hash * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull);
}

// Calls visit(paragraph) for each non-empty paragraph of "\n\n"-joined text.
template <typename Visit>
void ForEachParagraph(std::string_view text, Visit&& visit) {
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find("\n\n", begin);
    if (end == std::string_view::npos) end = text.size();
    if (end > begin) visit(text.substr(begin, end - begin));
    begin = end + 2;
  }
}

std::string_view HostOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  else if (url.substr(0, 2) == "//") url.remove_prefix(2);
  else return {};
  url = url.substr(0, url.find_first_of("/?#"));
  if (const size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  url = url.substr(0, url.find(':'));
  if (url.substr(0, 4) == "www.") url.remove_prefix(4);
  return url;
}

}  // namespace

std::string TemplateSourceKey(std::string_view source, std::string_view url) {
  std::string key(source.empty() ? HostOf(url) : source);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

struct SourceTemplates::Rep {
  std::vector<uint64_t> keys;  // sorted TemplateKey()s
  size_t max_paragraph_bytes = 0;
  double min_kept_fraction = 0;

  // Marks which of `paragraphs` to remove; false when none is to be.
  template <typename Paragraphs>
  bool Mark(std::string_view source_key, const Paragraphs& paragraphs, std::vector<bool>* remove) const;
};

template <typename Paragraphs>
bool SourceTemplates::Rep::Mark(std::string_view source_key, const Paragraphs& paragraphs,
                                std::vector<bool>* remove) const {
  if (keys.empty() || source_key.empty()) return false;
  const uint64_t source = SourceHash(source_key);
  std::string scratch;
  size_t all_bytes = 0, removed_bytes = 0;
  remove->assign(paragraphs.size(), false);
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const std::string_view p = paragraphs[i];
    all_bytes += p.size();
    if (p.size() > max_paragraph_bytes) continue;
    (*remove)[i] = std::binary_search(keys.begin(), keys.end(), TemplateKey(source, ParagraphHash(p, &scratch)));
    if ((*remove)[i]) removed_bytes += p.size();
  }
  if (removed_bytes == 0) return false;
  return static_cast<double>(all_bytes - removed_bytes) >= min_kept_fraction * static_cast<double>(all_bytes);
}

SourceTemplates::SourceTemplates() : rep_(std::make_unique<Rep>()) {}
SourceTemplates::~SourceTemplates() = default;
SourceTemplates::SourceTemplates(SourceTemplates&&) noexcept = default;
SourceTemplates& SourceTemplates::operator=(SourceTemplates&&) noexcept = default;

size_t SourceTemplates::size() const { return rep_->keys.size(); }

bool SourceTemplates::IsTemplate(std::string_view source_key, std::string_view paragraph) const {
  if (rep_->keys.empty() || source_key.empty() || paragraph.size() > rep_->max_paragraph_bytes) return false;
  std::string scratch;
  const uint64_t key = TemplateKey(SourceHash(source_key), ParagraphHash(paragraph, &scratch));
  return std::binary_search(rep_->keys.begin(), rep_->keys.end(), key);
}

size_t SourceTemplates::Strip(std::string_view source_key, std::vector<std::string>* paragraphs) const {
  std::vector<bool> remove;
  if (!rep_->Mark(source_key, *paragraphs, &remove)) return 0;
  size_t kept = 0;
  for (size_t i = 0; i < paragraphs->size(); ++i) {
    if (!remove[i]) (*paragraphs)[kept++] = std::move((*paragraphs)[i]);
  }
  const size_t removed = paragraphs->size() - kept;
  paragraphs->resize(kept);
  return removed;
}

size_t SourceTemplates::StripText(std::string_view source_key, std::string* text) const {
  if (rep_->keys.empty() || source_key.empty()) return 0;
  std::vector<std::string_view> paragraphs;
  ForEachParagraph(*text, [&](std::string_view p) { paragraphs.push_back(p); });
  std::vector<bool> remove;
  if (!rep_->Mark(source_key, paragraphs, &remove)) return 0;
  std::string kept;
  size_t removed = 0;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (remove[i]) {
      ++removed;
      continue;
    }
    if (!kept.empty()) kept += "\n\n";
    kept.append(paragraphs[i]);
  }
  text->swap(kept);
  return removed;
}

// Per (source, paragraph): the hashes of the document texts it was seen in,
// up to the threshold. Most paragraphs are seen once, so the first key is inline and
// further ones go to a small vector.
struct Sightings {
  uint64_t first_article = 0;
  std::vector<uint64_t> more_articles;
  size_t distinct() const { return 1 + more_articles.size(); }
};

struct TemplateLearner::Rep {
  TemplateOptions options;
  std::unordered_map<uint64_t, uint32_t> documents_per_source;
  std::unordered_map<uint64_t, Sightings> sightings;
  std::vector<uint64_t> templates;  // unsorted, each key once
  std::vector<uint64_t> doc_paragraphs;
  std::string scratch;

  void See(uint64_t key, uint64_t article);
};

void TemplateLearner::Rep::See(uint64_t key, uint64_t article) {
  auto [it, inserted] = sightings.try_emplace(key);
  Sightings& s = it->second;
  if (inserted) {
    s.first_article = article;
    if (options.min_documents <= 1) templates.push_back(key);
    return;
  }
  if (s.distinct() >= options.min_documents || s.first_article == article) return;
  if (std::find(s.more_articles.begin(), s.more_articles.end(), article) != s.more_articles.end()) return;
  s.more_articles.push_back(article);
  if (s.distinct() == options.min_documents) templates.push_back(key);
}

TemplateLearner::TemplateLearner(const TemplateOptions& options) : rep_(std::make_unique<Rep>()) {
  rep_->options = options;
}

TemplateLearner::~TemplateLearner() = default;

void TemplateLearner::Observe(std::string_view source_key, std::string_view text) {
  Rep& r = *rep_;
  if (r.options.min_documents == 0 || source_key.empty() || text.empty()) return;
  const uint64_t source = SourceHash(source_key);
  if (r.documents_per_source[source]++ >= r.options.max_documents_per_source) return;
  const uint64_t article = ParagraphHash(text, &r.scratch);
  r.doc_paragraphs.clear();
  ForEachParagraph(text, [&](std::string_view p) {
    if (p.size() <= r.options.max_paragraph_bytes) r.doc_paragraphs.push_back(TemplateKey(source, ParagraphHash(p, &r.scratch)));
  });
  // A line repeated inside one document still counts once for it.
  std::sort(r.doc_paragraphs.begin(), r.doc_paragraphs.end());
  r.doc_paragraphs.erase(std::unique(r.doc_paragraphs.begin(), r.doc_paragraphs.end()), r.doc_paragraphs.end());
  for (uint64_t key : r.doc_paragraphs) r.See(key, article);
}

SourceTemplates TemplateLearner::Templates() const {
  SourceTemplates out;
  out.rep_->keys = rep_->templates;
  std::sort(out.rep_->keys.begin(), out.rep_->keys.end());
  out.rep_->max_paragraph_bytes = rep_->options.max_paragraph_bytes;
  out.rep_->min_kept_fraction = rep_->options.min_kept_fraction;
  return out;
}

}  // namespace reprint
