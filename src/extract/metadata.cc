#include "extract/metadata.h"

#include <myhtml/api.h>

#include <algorithm>
#include <cctype>
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

// A script's text without the "<![CDATA[ ... ]]>" wrapper that XHTML-minded
// sites put around JSON-LD (a JSON parser rejects it).
std::string RawScript(myhtml_tree_node_t* n) {
  std::string s;
  for (myhtml_tree_node_t* c = myhtml_node_child(n); c != nullptr; c = myhtml_node_next(c)) {
    size_t len = 0;
    const char* t = myhtml_node_text(c, &len);
    if (t != nullptr) s.append(t, len);
  }
  constexpr std::string_view kOpen = "<![CDATA[", kClose = "]]>";
  const size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin != std::string::npos && s.compare(begin, kOpen.size(), kOpen) == 0) {
    s.erase(0, begin + kOpen.size());
    const size_t end = s.find_last_not_of(" \t\r\n");
    if (end != std::string::npos && end + 1 >= kClose.size() &&
        s.compare(end + 1 - kClose.size(), kClose.size(), kClose) == 0) {
      s.erase(end + 1 - kClose.size());
    }
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

// schema.org's article-like types: *Article, *Posting (blog, live blog,
// forum, social media), *Report and APIReference.
bool IsArticleType(const nlohmann::json& type) {
  auto match = [](const std::string& t) {
    auto ends_with = [&t](std::string_view end) {
      return t.size() >= end.size() && t.compare(t.size() - end.size(), end.size(), end) == 0;
    };
    return ends_with("Article") || ends_with("Posting") || ends_with("Report") || t == "APIReference";
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

// Lower-cased ASCII word tokens, as JavaScript's /\W+/ splits them.
std::vector<std::string> SimilarityTokens(std::string_view s) {
  std::vector<std::string> tokens(1);
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '_') {
      tokens.back().push_back(static_cast<char>(std::tolower(u)));
    } else if (!tokens.back().empty()) {
      tokens.emplace_back();
    }
  }
  if (tokens.back().empty()) tokens.pop_back();
  return tokens;
}

// Share of b's token text that a also has (Readability's _textSimilarity).
double TextSimilarity(std::string_view a, std::string_view b) {
  const std::vector<std::string> ta = SimilarityTokens(a), tb = SimilarityTokens(b);
  size_t all = 0, unique = 0, unique_count = 0;
  for (const std::string& t : tb) {
    all += t.size();
    if (std::find(ta.begin(), ta.end(), t) == ta.end()) unique += t.size(), ++unique_count;
  }
  all += tb.empty() ? 0 : tb.size() - 1;
  unique += unique_count == 0 ? 0 : unique_count - 1;
  return all == 0 ? 0.0 : 1.0 - static_cast<double>(unique) / static_cast<double>(all);
}

// Some sites put their own name in an article's "name" and the headline in
// "headline" (others the reverse): the one that resembles the page's
// <title> wins, "name" when neither or both do.
std::string JsonLdTitle(const nlohmann::json& article, std::string_view page_title) {
  std::string name = Str(article, "name"), headline = Str(article, "headline");
  if (name.empty() || headline.empty() || name == headline) return name.empty() ? headline : name;
  const bool name_matches = TextSimilarity(name, page_title) > 0.75;
  const bool headline_matches = TextSimilarity(headline, page_title) > 0.75;
  return headline_matches && !name_matches ? headline : name;
}

void ReadJsonLd(const std::string& script, std::string_view page_title, PageMetadata* out) {
  const nlohmann::json j = nlohmann::json::parse(script, nullptr, /*allow_exceptions=*/false);
  const nlohmann::json* a = FindArticle(j);
  if (a == nullptr) return;
  if (out->title.empty()) out->title = JsonLdTitle(*a, page_title);
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

namespace {

// Length of the title separator " X " whose X starts at title[i]
// (| - \\ / > » – —), or 0.
size_t SeparatorAt(std::string_view title, size_t i) {
  if (i == 0 || title[i - 1] != ' ') return 0;
  size_t len = 0;
  if (std::string_view("|-\\/>").find(title[i]) != std::string_view::npos) {
    len = 1;
  } else if (title.compare(i, 2, "\xC2\xBB") == 0) {
    len = 2;  // »
  } else if (title.compare(i, 3, "\xE2\x80\x93") == 0 || title.compare(i, 3, "\xE2\x80\x94") == 0) {
    len = 3;  // en and em dash
  }
  return len != 0 && i + len < title.size() && title[i + len] == ' ' ? len : 0;
}

bool IsHierarchicalSeparator(std::string_view title, size_t i) {
  return title[i] == '\\' || title[i] == '/' || title[i] == '>' || title.compare(i, 2, "\xC2\xBB") == 0;
}

size_t WordsWithoutSeparators(std::string_view title) {
  std::string stripped;
  for (char c : title) {
    if (std::string_view("|-\\/>").find(c) == std::string_view::npos) stripped.push_back(c);
  }
  return WordCount(Fold(stripped));
}

// "Site: Article title" keeps its part after the colon unless a heading
// repeats the whole title or the part before the colon is itself long.
std::string TitleAroundColon(const std::string& orig, const std::vector<std::string>& headings) {
  if (std::find(headings.begin(), headings.end(), orig) != headings.end()) return orig;
  std::string cur = Fold(orig.substr(orig.rfind(':') + 1));
  if (WordCount(cur) < 3) return Fold(orig.substr(orig.find(':') + 1));
  if (WordCount(orig.substr(0, orig.find(':'))) > 5) return orig;
  return cur;
}

}  // namespace

std::string TitleFromDocumentTitle(std::string_view raw, const std::vector<std::string>& headings,
                                   std::string_view only_h1) {
  const std::string orig = Fold(raw);
  std::string cur = orig;
  bool hierarchical = false;
  size_t first = std::string::npos, first_len = 0, last = std::string::npos;
  for (size_t i = 0; i < orig.size(); ++i) {
    if (const size_t len = SeparatorAt(orig, i)) {
      if (first == std::string::npos) first = i, first_len = len;
      last = i;
      hierarchical |= IsHierarchicalSeparator(orig, i);
    }
  }
  if (first != std::string::npos) {
    cur = Fold(orig.substr(0, last - 1));
    if (WordCount(cur) < 3) cur = Fold(orig.substr(first + first_len + 1));
  } else if (orig.find(": ") != std::string::npos) {
    cur = TitleAroundColon(orig, headings);
  } else if ((orig.size() > 150 || orig.size() < 15) && !only_h1.empty()) {
    cur = Fold(only_h1);
  }
  const size_t words = WordCount(cur);
  if (words <= 4 && (!hierarchical || words != WordsWithoutSeparators(orig) - 1)) cur = orig;
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

namespace {

constexpr size_t kMaxHeadings = 256;  // bounds the work on pathological pages

struct MetaValue {
  std::string content;
  bool from_property = false;
};
using MetaTags = std::map<std::string, MetaValue>;

// Records a <meta>'s content under each key its property / name / itemprop
// / http-equiv names, lower-cased. property lists several keys separated by
// spaces ("og:title twitter:title") and is the attribute these vocabularies
// define, so it wins over a name="og:title"; otherwise the first tag wins.
// Dublin Core names are written "DC.Title" as often as "dc:title", so a
// dotted key is also stored with colons.
void AddMetaTag(myhtml_tree_node_t* node, MetaTags* meta) {
  const std::string_view content = AttrValue(node, "content");
  if (content.empty()) return;
  std::string folded;
  auto put = [&](const std::string& key, bool from_property) {
    MetaValue& slot = (*meta)[key];
    if (!slot.content.empty() && (slot.from_property || !from_property)) return;
    if (folded.empty()) folded = Fold(content);
    slot = {folded, from_property};
  };
  for (const char* attr : {"property", "name", "itemprop", "http-equiv"}) {
    const std::string_view value = AttrValue(node, attr);
    const bool from_property = attr[0] == 'p';
    size_t pos = 0;
    while (pos < value.size()) {
      const size_t begin = value.find_first_not_of(" \t\n\r\f", pos);
      if (begin == std::string_view::npos) break;
      const size_t end = std::min(value.find_first_of(" \t\n\r\f", begin), value.size());
      std::string key(value.substr(begin, end - begin));
      AsciiLower(&key);
      put(key, from_property);
      if (key.find('.') != std::string::npos) {
        std::replace(key.begin(), key.end(), '.', ':');
        put(key, from_property);
      }
      pos = end;
    }
  }
}

}  // namespace

void ReadMetadata(myhtml_tree_node* html, PageMetadata* out) {
  *out = PageMetadata();
  MetaTags meta;
  std::string document_title, h1, time_datetime;
  std::vector<std::string> headings;  // h1 and h2 texts
  int h1_count = 0;
  std::vector<std::string> json_ld;
  myhtml_tree_node_t* node = html;
  out->lang = std::string(AttrValue(html, "lang"));
  while (node != nullptr) {
    const myhtml_tag_id_t id = myhtml_node_tag_id(node);
    bool descend = id != MyHTML_TAG__TEXT && id != MyHTML_TAG__COMMENT;
    if (id == MyHTML_TAG_META) {
      AddMetaTag(node, &meta);
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
    } else if (id == MyHTML_TAG_H1 || id == MyHTML_TAG_H2) {
      if (id == MyHTML_TAG_H1 && ++h1_count == 1) h1 = NodeText(node);
      if (headings.size() < kMaxHeadings) headings.push_back(id == MyHTML_TAG_H1 && h1_count == 1 ? h1 : NodeText(node));
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
  const std::string page_title = TitleFromDocumentTitle(document_title, headings, h1_count == 1 ? h1 : std::string());
  for (const std::string& s : json_ld) ReadJsonLd(s, page_title, out);
  auto first = [&](std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
      auto it = meta.find(k);
      if (it != meta.end() && !it->second.content.empty()) return it->second.content;
    }
    return std::string();
  };
  if (out->title.empty()) out->title = first({"dc:title", "dcterm:title", "og:title", "title", "twitter:title", "parsely-title"});
  if (out->title.empty()) out->title = page_title;
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
    std::string a = first({"dc:creator", "dcterm:creator", "author", "article:author", "parsely-author", "sailthru.author"});
    if (!a.empty() && !LooksLikeUrl(a)) out->authors.push_back(a);
  }
  if (out->lang.empty()) out->lang = first({"content-language", "language", "og:locale"});
  for (char& c : out->lang) {
    if (c == '_') c = '-';
  }
  if (out->canonical_url.empty()) out->canonical_url = first({"og:url"});
}

}  // namespace reprint::extract
