#include "extract/metadata.h"

#include <myhtml/api.h>

#include <map>
#include <nlohmann/json.hpp>

#include "clean/paragraphs.h"
#include "extract/date.h"
#include "extract/dom.h"

namespace reprint::extract {
namespace {

std::string Fold(std::string_view s) {
  clean::ParagraphBuilder b;
  std::string decoded, scratch;
  b.Append(s);
  b.Break();
  return b.paragraphs().empty() ? std::string() : std::string(b.Range(0, b.paragraphs().size()));
}

std::string NodeText(myhtml_tree_node_t* n) {
  clean::ParagraphBuilder b;
  AppendAllText(n, &b);
  return b.paragraphs().empty() ? std::string() : std::string(b.Range(0, b.paragraphs().size()));
}

std::string RawScript(myhtml_tree_node_t* n) {
  std::string s;
  for (myhtml_tree_node_t* c = myhtml_node_child(n); c != nullptr; c = myhtml_node_next(c)) {
    size_t len = 0;
    const char* t = myhtml_node_text(c, &len);
    if (t != nullptr) s.append(t, len);
  }
  return s;
}

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool space = c == ' ';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

bool IsArticleType(const nlohmann::json& type) {
  auto match = [](const std::string& t) {
    return t.size() >= 7 && (t.compare(t.size() - 7, 7, "Article") == 0 || t == "BlogPosting" ||
                             t == "SocialMediaPosting" || t == "Report");
  };
  if (type.is_string()) return match(type.get<std::string>());
  if (type.is_array()) {
    for (const auto& t : type) {
      if (t.is_string() && match(t.get<std::string>())) return true;
    }
  }
  return false;
}

const nlohmann::json* FindArticle(const nlohmann::json& j, int depth = 0) {
  if (depth > 4) return nullptr;
  if (j.is_array()) {
    for (const auto& e : j) {
      if (const nlohmann::json* a = FindArticle(e, depth + 1)) return a;
    }
  } else if (j.is_object()) {
    auto type = j.find("@type");
    if (type != j.end() && IsArticleType(*type)) return &j;
    auto graph = j.find("@graph");
    if (graph != j.end()) return FindArticle(*graph, depth + 1);
  }
  return nullptr;
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return Fold(it->get<std::string>());
  if (it->is_object()) return Str(*it, "name");
  if (it->is_array() && !it->empty() && it->front().is_string()) return Fold(it->front().get<std::string>());
  return {};
}

void JsonLdAuthors(const nlohmann::json& a, std::vector<std::string>* out) {
  if (a.is_string()) {
    out->push_back(Fold(a.get<std::string>()));
  } else if (a.is_object()) {
    const std::string name = Str(a, "name");
    if (!name.empty()) out->push_back(name);
  } else if (a.is_array()) {
    for (const auto& e : a) JsonLdAuthors(e, out);
  }
}

void ReadJsonLd(const std::string& script, PageMetadata* out) {
  const nlohmann::json j = nlohmann::json::parse(script, nullptr, /*allow_exceptions=*/false);
  const nlohmann::json* a = FindArticle(j);
  if (a == nullptr) return;
  if (out->title.empty()) out->title = Str(*a, "headline");
  if (out->date.empty()) out->date = NormalizeDate(Str(*a, "datePublished"));
  if (out->authors.empty() && a->contains("author")) JsonLdAuthors((*a)["author"], &out->authors);
  if (out->site_name.empty() && a->contains("publisher")) out->site_name = Str(*a, "publisher");
  if (out->article_body.empty()) {
    auto body = a->find("articleBody");
    if (body != a->end() && body->is_string()) out->article_body = body->get<std::string>();
  }
}

bool LooksLikeUrl(std::string_view s) { return s.rfind("http", 0) == 0 || s.rfind("//", 0) == 0; }

}  // namespace

std::string TitleFromDocumentTitle(std::string_view raw, std::string_view h1) {
  const std::string orig = Fold(raw);
  std::string cur = orig;
  bool hierarchical = false;
  auto sep_at = [&](size_t i) {
    // " X " where X is one of | - \ / > »
    if (i == 0 || i + 1 >= cur.size() || cur[i - 1] != ' ') return size_t{0};
    if ((cur[i] == '|' || cur[i] == '-' || cur[i] == '\\' || cur[i] == '/' || cur[i] == '>') && cur[i + 1] == ' ')
      return size_t{1};
    if (cur.compare(i, 2, "\xC2\xBB") == 0 && i + 2 < cur.size() && cur[i + 2] == ' ') return size_t{2};
    return size_t{0};
  };
  size_t first = std::string::npos, last = std::string::npos, last_len = 0, first_len = 0;
  for (size_t i = 0; i < cur.size(); ++i) {
    if (const size_t len = sep_at(i)) {
      if (first == std::string::npos) first = i, first_len = len;
      last = i;
      last_len = len;
      if (cur[i] != '|' && cur[i] != '-') hierarchical = true;
    }
  }
  if (first != std::string::npos) {
    std::string before = Fold(orig.substr(0, last - 1));
    if (WordCount(before) < 3) before = Fold(orig.substr(first + first_len + 1));
    cur = before;
  } else if (orig.find(": ") != std::string::npos) {
    if (h1 != orig) {
      const size_t colon = orig.rfind(':');
      cur = Fold(orig.substr(colon + 1));
      if (WordCount(cur) < 3) {
        cur = Fold(orig.substr(orig.find(':') + 1));
      } else if (WordCount(orig.substr(0, orig.find(':'))) > 5) {
        cur = orig;
      }
    }
  } else if ((orig.size() > 150 || orig.size() < 15) && !h1.empty()) {
    cur = Fold(h1);
  }
  size_t orig_words_without_seps = 0;
  {
    std::string stripped;
    for (char c : orig) {
      if (c != '|' && c != '-' && c != '\\' && c != '/' && c != '>') stripped.push_back(c);
    }
    orig_words_without_seps = WordCount(Fold(stripped));
  }
  const size_t words = WordCount(cur);
  if (words <= 4 && (!hierarchical || words != orig_words_without_seps - 1)) cur = orig;
  return cur;
}

std::string StripSiteName(std::string_view title, std::string_view site) {
  if (site.empty() || title.size() <= site.size() + 3) return std::string(title);
  static constexpr std::string_view kSeps[] = {" | ", " - ", " – ", " — ", " :: ", " » ", ": ", " · "};
  for (std::string_view sep : kSeps) {
    const std::string suffix = std::string(sep) + std::string(site);
    if (title.size() > suffix.size() && title.substr(title.size() - suffix.size()) == suffix) {
      return Fold(title.substr(0, title.size() - suffix.size()));
    }
    const std::string prefix = std::string(site) + std::string(sep);
    if (title.size() > prefix.size() && title.substr(0, prefix.size()) == prefix) {
      return Fold(title.substr(prefix.size()));
    }
  }
  return std::string(title);
}

void ReadMetadata(myhtml_tree_node* html, PageMetadata* out) {
  *out = PageMetadata();
  std::map<std::string, std::string> meta;  // first value of each lower-cased name/property/itemprop
  std::string document_title, h1, time_datetime;
  int h1_count = 0;
  std::vector<std::string> json_ld;
  std::string key;
  myhtml_tree_node_t* node = html;
  out->lang = std::string(AttrValue(html, "lang"));
  while (node != nullptr) {
    const myhtml_tag_id_t id = myhtml_node_tag_id(node);
    bool descend = id != MyHTML_TAG__TEXT && id != MyHTML_TAG__COMMENT;
    if (id == MyHTML_TAG_META) {
      std::string_view content = AttrValue(node, "content");
      for (const char* attr : {"property", "name", "itemprop", "http-equiv"}) {
        key.assign(AttrValue(node, attr));
        AsciiLower(&key);
        if (!key.empty() && !content.empty()) meta.emplace(key, Fold(content));
      }
    } else if (id == MyHTML_TAG_LINK) {
      std::string rel(AttrValue(node, "rel"));
      AsciiLower(&rel);
      if (rel == "canonical" && out->canonical_url.empty()) out->canonical_url = Fold(AttrValue(node, "href"));
    } else if (id == MyHTML_TAG_SCRIPT) {
      if (AttrValue(node, "type") == "application/ld+json") json_ld.push_back(RawScript(node));
      descend = false;
    } else if (id == MyHTML_TAG_TITLE) {
      if (document_title.empty()) document_title = NodeText(node);
      descend = false;
    } else if (id == MyHTML_TAG_H1) {
      if (++h1_count == 1) h1 = NodeText(node);
      descend = false;
    } else if (id == MyHTML_TAG_TIME) {
      if (time_datetime.empty()) time_datetime = std::string(AttrValue(node, "datetime"));
    } else if (id == MyHTML_TAG_STYLE || id == MyHTML_TAG_SVG) {
      descend = false;
    }
    if (descend && myhtml_node_child(node) != nullptr) {
      node = myhtml_node_child(node);
      continue;
    }
    while (node != nullptr && node != html && myhtml_node_next(node) == nullptr) node = myhtml_node_parent(node);
    if (node == nullptr || node == html) break;
    node = myhtml_node_next(node);
  }
  for (const std::string& s : json_ld) ReadJsonLd(s, out);
  auto first = [&](std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
      auto it = meta.find(k);
      if (it != meta.end() && !it->second.empty()) return it->second;
    }
    return std::string();
  };
  if (out->title.empty()) out->title = first({"dc:title", "dcterm:title", "og:title", "title", "twitter:title", "parsely-title"});
  if (out->title.empty()) out->title = TitleFromDocumentTitle(document_title, h1_count == 1 ? h1 : std::string());
  if (out->site_name.empty()) out->site_name = first({"og:site_name", "application-name"});
  out->title = StripSiteName(out->title, out->site_name);
  if (out->date.empty()) {
    for (const std::string& d : {first({"article:published_time", "datepublished", "parsely-pub-date", "og:published_time",
                                        "published_time", "publishdate", "pubdate", "dc.date.issued", "dc.date",
                                        "dcterms.created", "sailthru.date", "date", "article.published"}),
                                 time_datetime}) {
      out->date = NormalizeDate(d);
      if (!out->date.empty()) break;
    }
  }
  if (out->authors.empty()) {
    std::string a = first({"author", "article:author", "dc.creator", "parsely-author", "sailthru.author"});
    if (!a.empty() && !LooksLikeUrl(a)) out->authors.push_back(a);
  }
  if (out->lang.empty()) out->lang = first({"content-language", "language", "og:locale"});
  for (char& c : out->lang) {
    if (c == '_') c = '-';
  }
  if (out->canonical_url.empty()) out->canonical_url = first({"og:url"});
}

}  // namespace reprint::extract
