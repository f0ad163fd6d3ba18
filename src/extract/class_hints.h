// Class, id and role hints: what an element's names say about its content.
// The patterns follow Mozilla Readability's well-tested lists, extended with
// cookie, consent, newsletter and subscription notices.
//
// Thread safety: pure functions.
#pragma once

#include <string_view>

namespace reprint::extract {

// `names` is the element's class and id, lower-cased, joined by a space.

// Returns +25 for names like article/content/story/body, -25 for names like
// comment/footer/share/related/promo/ad/sidebar; the sum when both match.
int ClassWeight(std::string_view names);

// Returns true iff the names mark page furniture that is never the article
// (menus, comments, sidebars, banners, cookie notices...) and nothing in them
// suggests content (article, body, content, main...).
bool IsUnlikelyCandidate(std::string_view names);

// Returns true iff an ARIA role marks the element as non-article.
bool IsChromeRole(std::string_view role);

// Returns true iff the names mark a byline (author, byline, dateline).
bool IsBylineName(std::string_view names);

}  // namespace reprint::extract
