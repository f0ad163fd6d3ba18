#include "extract/metadata.h"

#include <gtest/gtest.h>

#include "extract/class_hints.h"
#include "extract/dom.h"

namespace reprint::extract {

PageMetadata Read(const std::string& html) {
  HtmlDocument doc;
  EXPECT_TRUE(doc.Parse(html));
  PageMetadata m;
  ReadMetadata(doc.html(), &m);
  return m;
}

TEST(Metadata, JsonLdArticleInGraph) {
  const PageMetadata m = Read(
      R"(<html lang="en-GB"><head><script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"X"},)"
      R"({"@type":"NewsArticle","headline":"Storm hits coast","datePublished":"2020-01-02T03:04:05Z",)"
      R"("author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chan"}],"publisher":{"name":"The Daily"}}]})"
      R"(</script><title>Storm hits coast | The Daily</title></head><body></body></html>)");
  EXPECT_EQ(m.title, "Storm hits coast");
  EXPECT_EQ(m.date, "2020-01-02T03:04:05Z");
  ASSERT_EQ(m.authors.size(), 2u);
  EXPECT_EQ(m.authors[1], "Bo Chan");
  EXPECT_EQ(m.site_name, "The Daily");
  EXPECT_EQ(m.lang, "en-GB");
}

TEST(Metadata, MetaTagsAndCanonical) {
  const PageMetadata m = Read(
      R"(<head><meta property="og:title" content="Rates rise again - Finance Weekly">)"
      R"(<meta property="og:site_name" content="Finance Weekly"><meta name="author" content="Jo Park">)"
      R"(<meta property="article:published_time" content="2019-06-01T08:00:00+02:00">)"
      R"(<link rel="canonical" href="https://example.com/a"></head><body></body>)");
  EXPECT_EQ(m.title, "Rates rise again");
  EXPECT_EQ(m.date, "2019-06-01T08:00:00+02:00");
  EXPECT_EQ(m.canonical_url, "https://example.com/a");
  ASSERT_EQ(m.authors.size(), 1u);
  EXPECT_EQ(m.authors[0], "Jo Park");
}

TEST(Metadata, BrokenJsonLdIsIgnored) {
  const PageMetadata m = Read(R"(<script type="application/ld+json">{"@type":"Article",</script><title>A plain title here</title>)");
  EXPECT_EQ(m.title, "A plain title here");
}

TEST(TitleFromDocumentTitle, DropsSiteSuffixButKeepsShortTitles) {
  EXPECT_EQ(TitleFromDocumentTitle("Council approves the new budget | Springfield News", ""),
            "Council approves the new budget");
  EXPECT_EQ(TitleFromDocumentTitle("Home | Site", ""), "Home | Site");
  EXPECT_EQ(StripSiteName("Big win - Sports Daily", "Sports Daily"), "Big win");
}

TEST(ClassHints, WeightsAndUnlikely) {
  EXPECT_GT(ClassWeight("article-body"), 0);
  EXPECT_LT(ClassWeight("share-bar"), 0);
  EXPECT_LT(ClassWeight("cookie-notice"), 0);
  EXPECT_TRUE(IsUnlikelyCandidate("sidebar"));
  EXPECT_FALSE(IsUnlikelyCandidate("sidebar main-content"));
  EXPECT_FALSE(IsUnlikelyCandidate(""));
  EXPECT_TRUE(IsChromeRole("navigation"));
}

}  // namespace reprint::extract
