#include "extract/class_hints.h"

#include <initializer_list>

namespace reprint::extract {
namespace {

bool ContainsAny(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (s.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// "hid" as a whole name ("hid", "x hid", "hid x").
bool HasWord(std::string_view s, std::string_view word) {
  size_t pos = 0;
  while ((pos = s.find(word, pos)) != std::string_view::npos) {
    const bool start = pos == 0 || s[pos - 1] == ' ';
    const bool end = pos + word.size() == s.size() || s[pos + word.size()] == ' ';
    if (start && end) return true;
    ++pos;
  }
  return false;
}

}  // namespace

int ClassWeight(std::string_view names) {
  if (names.empty()) return 0;
  int weight = 0;
  if (ContainsAny(names, {"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
                          "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share",
                          "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "cookie",
                          "consent", "newsletter", "subscribe", "paywall"}) ||
      HasWord(names, "hid")) {
    weight -= 25;
  }
  if (ContainsAny(names, {"article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
                          "post", "text", "blog", "story"})) {
    weight += 25;
  }
  return weight;
}

bool IsUnlikelyCandidate(std::string_view names) {
  if (names.empty()) return false;
  if (!ContainsAny(names, {"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
                           "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
                           "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
                           "supplemental", "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
                           "cookie", "consent", "newsletter"})) {
    return false;
  }
  return !ContainsAny(names, {"and", "article", "body", "column", "content", "main", "mathjax", "shadow"});
}

bool IsChromeRole(std::string_view role) {
  for (std::string_view r : {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"}) {
    if (role == r) return true;
  }
  return false;
}

bool IsBylineName(std::string_view names) {
  return ContainsAny(names, {"byline", "author", "dateline", "writtenby", "p-author"});
}

}  // namespace reprint::extract
