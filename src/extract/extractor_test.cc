#include "reprint/extractor.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/content_scorer.h"

namespace reprint {
namespace {

std::string Prose(int n, const std::string& word) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "The " + word + " said, on Tuesday, that sentence number " + std::to_string(i) + " matters. ";
  return s;
}

Article ExtractPage(const std::string& html) {
  Extractor x;
  Article a;
  x.ExtractHtml(html, &a);
  return a;
}

TEST(Extractor, KeepsArticleDropsChrome) {
  const std::string html =
      "<html><body><nav><a href=/>Home</a> <a href=/w>World</a></nav>"
      "<div class=sidebar><ul><li><a href=/1>Related story one is here</a></li><li><a href=/2>Related two</a></li></ul></div>"
      "<div class=story-body><h2>Background</h2><p>" + Prose(5, "minister") + "</p><p>" + Prose(4, "mayor") +
      "</p><ul><li>" + Prose(1, "list") + "</li></ul>"
      "<div class=share-tools><a href=/fb>Share on Facebook</a> <a href=/tw>Tweet</a></div></div>"
      "<div id=comments><p>" + Prose(3, "commenter") + "</p></div>"
      "<footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>";
  const Article a = ExtractPage(html);
  EXPECT_NE(a.text.find("minister"), std::string::npos);
  EXPECT_NE(a.text.find("mayor"), std::string::npos);
  EXPECT_NE(a.text.find("Background"), std::string::npos);  // headings inside the article stay
  EXPECT_NE(a.text.find("The list said"), std::string::npos);  // so do lists
  EXPECT_EQ(a.text.find("Related"), std::string::npos);
  EXPECT_EQ(a.text.find("Share on"), std::string::npos);
  EXPECT_EQ(a.text.find("commenter"), std::string::npos);
  EXPECT_EQ(a.text.find("Copyright"), std::string::npos);
  EXPECT_TRUE(a.no_article_reason.empty());
  EXPECT_GE(a.paragraphs.size(), 3u);
}

TEST(Extractor, LinkListPageHasNoArticle) {
  std::string html = "<html><body><div class=main>";
  for (int i = 0; i < 40; ++i) html += "<p><a href=/s" + std::to_string(i) + ">A headline for story number " + std::to_string(i) + ", with more words</a></p>";
  html += "</div></body></html>";
  const Article a = ExtractPage(html);
  EXPECT_TRUE(a.text.empty());
  EXPECT_FALSE(a.no_article_reason.empty());
}

TEST(Extractor, EmptyPageHasAReason) {
  const Article a = ExtractPage("<html><body><div></div></body></html>");
  EXPECT_TRUE(a.text.empty());
  EXPECT_FALSE(a.no_article_reason.empty());
}

TEST(Extractor, DeepNestingIsFlattenedNotQuadratic) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "<p>" + Prose(5, "diver") + "</p></body></html>";
  const Article a = ExtractPage(html);
  EXPECT_NE(a.text.find("diver said"), std::string::npos);
}

TEST(Extractor, EntityMangledMarkupIsDecoded) {
  const std::string html = "<html><body><div class=article><p>" + Prose(6, "officer") +
                           "It&&num;8217&semi;s done&comma; they said&period;<&sol;p><&sol;div><&sol;body><&sol;html>";
  const Article a = ExtractPage(html);
  EXPECT_NE(a.text.find("It\u2019s done, they said."), std::string::npos) << a.text;
  EXPECT_EQ(a.text.find("&"), std::string::npos);
}

TEST(Extractor, InvalidUtf8IsRepaired) {
  const Article a = ExtractPage("<meta charset=utf-8><p>" + Prose(5, "caf\xE9") + "</p>");
  EXPECT_TRUE(a.repaired_utf8);
  EXPECT_EQ(a.encoding, "UTF-8");
  EXPECT_NE(a.text.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(Extractor, Windows1252PageIsDecoded) {
  const std::string html =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
      "<title>L\x92\xE9t\xE9 \x93" "cr\xE8me\x94</title></head><body><div class=article><p>" +
      Prose(5, "caf\xE9") + "\x93Tr\xE8s bien,\x94 dit-il.</p></div></body></html>";
  const Article a = ExtractPage(html);
  EXPECT_EQ(a.encoding, "windows-1252");
  EXPECT_FALSE(a.repaired_utf8);
  EXPECT_EQ(a.title, "L\u2019\u00e9t\u00e9 \u201ccr\u00e8me\u201d");
  EXPECT_NE(a.text.find("The caf\u00e9 said"), std::string::npos) << a.text;
  EXPECT_NE(a.text.find("\u201cTr\u00e8s bien,\u201d dit-il."), std::string::npos) << a.text;
}

// `ascii` as UTF-16LE with its byte order mark, every '#' an i with diaeresis.
std::string Utf16Le(const std::string& ascii) {
  std::string out = "\xFF\xFE";
  for (char c : ascii) {
    const char16_t u = c == '#' ? u'\u00ef' : static_cast<char16_t>(c);
    out.push_back(static_cast<char>(u & 0xFF));
    out.push_back(static_cast<char>(u >> 8));
  }
  return out;
}

TEST(Extractor, Utf16DocumentIsDecodedNotBinary) {
  Extractor x;
  RawDocument raw;
  raw.content = Utf16Le("<html><body><article><p>" + Prose(5, "na#ve") + "</p></article></body></html>");
  Article a;
  ASSERT_TRUE(x.Extract(raw, &a).ok());
  EXPECT_TRUE(a.was_html);
  EXPECT_EQ(a.encoding, "UTF-16LE");
  EXPECT_NE(a.text.find("The na\u00efve said"), std::string::npos) << a.text;
}

TEST(Extractor, PlainTextKeepsProse) {
  Extractor x;
  RawDocument raw;
  raw.format = DocumentFormat::kText;
  raw.content = "Menu\n\nHome\n\n" + Prose(3, "clerk") + "\n\n" + Prose(3, "judge") + "\n\n1 comment\n";
  Article a;
  ASSERT_TRUE(x.Extract(raw, &a).ok());
  EXPECT_NE(a.text.find("judge"), std::string::npos);
  EXPECT_EQ(a.text.find("1 comment"), std::string::npos);
}

TEST(ContentScorer, ProseSiblingRules) {
  EXPECT_TRUE(extract::ProseSibling(200, 0.1, false));
  EXPECT_FALSE(extract::ProseSibling(200, 0.5, true));
  EXPECT_TRUE(extract::ProseSibling(50, 0.0, true));
  EXPECT_FALSE(extract::ProseSibling(50, 0.0, false));
  EXPECT_FALSE(extract::ProseSibling(50, 0.1, true));
}

}  // namespace
}  // namespace reprint
