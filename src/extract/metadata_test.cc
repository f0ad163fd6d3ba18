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

TEST(Metadata, JsonLdInCdataIsRead) {
  const PageMetadata m = Read(
      "<script type=\"application/ld+json\">\n  <![CDATA[ {\"@type\":\"NewsArticle\",\"headline\":\"Dam breaks after rain\","
      "\"datePublished\":\"2021-03-04\"} ]]>\n</script><title>Other</title>");
  EXPECT_EQ(m.title, "Dam breaks after rain");
  EXPECT_EQ(m.date, "2021-03-04");
}

TEST(Metadata, JsonLdNameOrHeadlineByResemblanceToTitle) {
  auto page = [](const char* name, const char* headline, const char* title) {
    return Read(std::string("<script type=\"application/ld+json\">{\"@type\":\"Article\",\"name\":\"") + name +
                "\",\"headline\":\"" + headline + "\"}</script><title>" + title + "</title>");
  };
  // The site's name in "name": the headline resembles the title.
  EXPECT_EQ(page("Daily Gazette", "Bridge reopens after two years of repairs",
                 "Bridge reopens after two years of repairs | Daily Gazette")
                .title,
            "Bridge reopens after two years of repairs");
  // Neither resembles the title: "name".
  EXPECT_EQ(page("Mountain lakes", "Wikimedia list article", "Something else entirely here").title, "Mountain lakes");
}

TEST(Metadata, SpaceSeparatedPropertiesDottedNamesAndPropertyPrecedence) {
  EXPECT_EQ(Read(R"(<title>Title element</title><meta property="x:title dc:title" content="Listed title">)").title,
            "Listed title");
  EXPECT_EQ(Read(R"(<title>draft-04 - Storage</title><meta name="DC.Title" content="Storage protocol">)").title,
            "Storage protocol");
  EXPECT_EQ(Read(R"(<meta name="og:title" content="By name"><meta property="og:title" content="By property">)").title,
            "By property");
}

TEST(TitleFromDocumentTitle, DashesAreSeparatorsAndHeadingsKeepColonTitles) {
  EXPECT_EQ(TitleFromDocumentTitle("Lorem ipsum dolor sit amet \xE2\x80\x93 My website"), "Lorem ipsum dolor sit amet");
  // Four words before the em dash are too few: the whole title stays.
  EXPECT_EQ(TitleFromDocumentTitle("Evolve: Shared Mutable History \xE2\x80\x94 evolve extension for Mercurial"),
            "Evolve: Shared Mutable History \xE2\x80\x94 evolve extension for Mercurial");
  const std::string colon = "Superbugs: What They Are and How You Get Them";
  EXPECT_EQ(TitleFromDocumentTitle(colon), "What They Are and How You Get Them");
  EXPECT_EQ(TitleFromDocumentTitle(colon, {"Menu", colon}), colon);
}

TEST(TitleFromDocumentTitle, DropsSiteSuffixButKeepsShortTitles) {
  EXPECT_EQ(TitleFromDocumentTitle("Council approves the new budget | Springfield News"),
            "Council approves the new budget");
  EXPECT_EQ(TitleFromDocumentTitle("Home | Site"), "Home | Site");
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
