// Page metadata: title, date, authors, site name, language, canonical URL and
// the JSON-LD articleBody, from JSON-LD (Article types, also inside @graph),
// <meta> (og:, article:, twitter:, dc., parsely-, name=author/date...),
// itemprop, <link rel=canonical>, <html lang> and <title>.
//
// Priorities follow what is most often right: JSON-LD (name or headline,
// whichever resembles the <title>), then Dublin Core, og: and twitter:
// titles, then <title>, which loses its site part by its separators
// (" | ", " - ", " – ", " » ", ": "); any title loses a trailing
// " <sep> <site name>". JSON-LD wrapped in CDATA is read.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct myhtml_tree_node;

namespace reprint::extract {

struct PageMetadata {
  std::string title, date, site_name, lang, canonical_url;
  std::vector<std::string> authors;
  std::string article_body;  // JSON-LD articleBody, "" when absent
};

// Reads the metadata of the parsed page rooted at `html`.
void ReadMetadata(myhtml_tree_node* html, PageMetadata* out);

// The article title inside a <title> text (Readability's rules): the part
// before the last separator (| - – — \ / > ») unless too short, the part
// after a colon unless a heading repeats the whole title. `headings` are the
// page's h1 and h2 texts; `only_h1` the text of its only <h1>, or "".
std::string TitleFromDocumentTitle(std::string_view title, const std::vector<std::string>& headings = {},
                                   std::string_view only_h1 = {});

// Removes a trailing or leading " <sep> site_name" from `title`.
std::string StripSiteName(std::string_view title, std::string_view site_name);

}  // namespace reprint::extract
