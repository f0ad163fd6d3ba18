#include "reprint/cleaner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace reprint {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Seed(std::string_view prefix) {
  for (const auto& e : fs::directory_iterator(fs::path(REPRINT_SHARED_DIR) / "seeds")) {
    if (e.path().filename().string().rfind(prefix, 0) == 0) return ReadFile(e.path());
  }
  ADD_FAILURE() << "no seed " << prefix;
  return {};
}

CleanDocument CleanOk(std::string content, DocumentFormat format = DocumentFormat::kAuto,
                      const CleanOptions& options = CleanOptions()) {
  Cleaner cleaner(options);
  RawDocument raw;
  raw.id = "doc";
  raw.url = "http://example.com/a";
  raw.format = format;
  raw.content = std::move(content);
  CleanDocument out;
  const Status s = cleaner.Clean(raw, &out);
  EXPECT_TRUE(s.ok()) << s.message();
  return out;
}

bool Contains(const std::string& s, std::string_view needle) {
  return s.find(needle) != std::string::npos;
}

TEST(CleanerTest, CopiesMetadata) {
  Cleaner cleaner;
  RawDocument raw;
  raw.id = "id1";
  raw.url = "u";
  raw.source = "s";
  raw.date = "2017-02-16";
  raw.title = "Given &amp; title";
  raw.content = "Some text here that is an article.";
  CleanDocument out;
  ASSERT_TRUE(cleaner.Clean(raw, &out).ok());
  EXPECT_EQ(out.id, "id1");
  EXPECT_EQ(out.url, "u");
  EXPECT_EQ(out.source, "s");
  EXPECT_EQ(out.date, "2017-02-16");
  EXPECT_EQ(out.title, "Given & title");
  EXPECT_EQ(out.text, "Some text here that is an article.");
  EXPECT_FALSE(out.was_html);
}

TEST(CleanerTest, BinaryContentIsMalformed) {
  Cleaner cleaner;
  RawDocument raw;
  raw.content = std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10);
  CleanDocument out;
  EXPECT_EQ(cleaner.Clean(raw, &out).code(), StatusCode::kMalformedInput);
}

TEST(CleanerTest, LatinOneTextIsDecodedAndStrayBytesInUtf8Repaired) {
  // No UTF-8 multi-byte character at all: a legacy (windows-1252) text file.
  CleanDocument doc = CleanOk("Caf\xE9 au lait is served here every day \x96 with \x93" "cr\xE8me\x94.");
  EXPECT_FALSE(doc.repaired_utf8);
  EXPECT_EQ(doc.text, "Caf\u00e9 au lait is served here every day \u2013 with \u201ccr\u00e8me\u201d.");
  // Mostly UTF-8 with one corrupt byte: UTF-8, the byte replaced.
  doc = CleanOk("Caf\xC3\xA9 au lait and cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e are served \xFF every day.");
  EXPECT_TRUE(doc.repaired_utf8);
  EXPECT_EQ(doc.text, "Caf\u00e9 au lait and cr\u00e8me br\u00fbl\u00e9e are served \uFFFD every day.");
}

TEST(CleanerTest, DecodesHtmlInItsDeclaredCharset) {
  const std::string page =
      "<html><head><meta charset=windows-1250><title>Zpr\xE1vy</title></head><body><p>"
      "P\xF8\xEDli\x9A \x9Elu\x9Dou\xE8k\xFD k\xF9\xF2 \xFAp\xECl \xEF\xE1" "belsk\xE9 \xF3" "dy.</p></body></html>";
  for (bool extract_article : {true, false}) {
    CleanOptions options;
    options.extract_article = extract_article;
    const CleanDocument doc = CleanOk(page, DocumentFormat::kAuto, options);
    EXPECT_EQ(doc.text, "P\u0159\u00edli\u0161 \u017elu\u0165ou\u010dk\u00fd k\u016f\u0148 "
                        "\u00fap\u011bl \u010f\u00e1belsk\u00e9 \u00f3dy.");
    EXPECT_EQ(doc.title, "Zpr\u00e1vy");
    EXPECT_FALSE(doc.repaired_utf8);
  }
}

TEST(CleanerTest, DecodesUtf16WithByteOrderMark) {
  std::string utf16 = "\xFE\xFF";
  for (char c : std::string("Caf\xE9 au lait is served here every day.")) {
    utf16 += '\0';
    utf16 += c;  // Latin-1 is the first 256 code points
  }
  const CleanDocument doc = CleanOk(utf16);
  EXPECT_EQ(doc.text, "Caf\u00e9 au lait is served here every day.");
  EXPECT_FALSE(doc.repaired_utf8);
}

// Regression (found by clean_fuzz): a numeric reference to a control
// character decoded after the input was sanitised, so the article text held
// U+0010.
TEST(CleanerTest, ControlCharacterReferencesNeverReachTheOutput) {
  std::string html = "<html><head><title>A &#16;title</title></head><body><article>";
  for (int i = 0; i < 6; ++i)
    html += "<p>The harbour authority said the port would reopen on Friday after repairs&#16;&#x1F; to the sea wall.</p>";
  html += "</article></body></html>";
  Cleaner cleaner;
  RawDocument raw;
  raw.format = DocumentFormat::kHtml;
  raw.content = html;
  CleanDocument out;
  ASSERT_TRUE(cleaner.Clean(raw, &out).ok());
  ASSERT_FALSE(out.text.empty());
  for (unsigned char c : out.text + out.title) EXPECT_FALSE(c < 0x20 && c != '\n' && c != '\t' && c != '\r') << int(c);
}

TEST(CleanerTest, Seed000LosesChromeKeepsEveryParagraph) {
  const CleanDocument doc = CleanOk(Seed("000_"));
  EXPECT_FALSE(doc.was_html);
  EXPECT_EQ(doc.text.rfind("US President Donald Trump\u2019s defence secretary on Thursday said", 0), 0u)
      << doc.text.substr(0, 200);
  EXPECT_TRUE(Contains(doc.text, "Interfax news agency quoted Kremlin aide"));
  const std::string last = "They are also looking at contacts in Russia";
  ASSERT_TRUE(Contains(doc.text, last));
  EXPECT_TRUE(doc.text.ends_with("connected to Trump or his campaign.")) << doc.text;
  for (const char* chrome : {"Cyprus Mail", "Related posts", "Reuters News Service", "1 comment",
                             "Comments are closed."}) {
    EXPECT_FALSE(Contains(doc.text, chrome)) << chrome;
  }
  EXPECT_EQ(doc.title, "Trump\u2019s defence chief sees no military collaboration with Russia");
}

TEST(CleanerTest, Seed001LosesChromeKeepsLastParagraph) {
  const CleanDocument doc = CleanOk(Seed("001_"));
  for (const char* chrome : {"Newspapers in English", "Newspapers from United States",
                             "China Daily Global Edition (USA)", "- By REUTERS"}) {
    EXPECT_FALSE(Contains(doc.text, chrome)) << chrome;
  }
  EXPECT_TRUE(doc.text.rfind("US President Donald Trump\u2019s defense secretary", 0) == 0);
  EXPECT_TRUE(Contains(doc.text, "Flynn resigned after disclosures"));
  EXPECT_TRUE(Contains(doc.text, "to the US before Trump took office"));
  EXPECT_TRUE(Contains(doc.text, "Mattis shot back"));
  EXPECT_EQ(doc.title, "Mattis sees no military collaboration with Russia for now");
}

TEST(CleanerTest, Seed004EntityEncodedMarkup) {
  const CleanDocument doc = CleanOk(Seed("004_"));
  EXPECT_TRUE(doc.was_html);
  EXPECT_TRUE(Contains(doc.text,
                       "The US is not ready to collaborate militarily with Russia, defence "
                       "secretary Jim Mattis said"))
      << doc.text;
  EXPECT_TRUE(Contains(doc.text, "Russia\u2019s alleged election meddling"));
  EXPECT_TRUE(Contains(doc.text, "\u201Cvery little doubt"));
  EXPECT_TRUE(Contains(doc.text, "Group of 20 major powers in Bonn, Germany."));
  EXPECT_FALSE(std::regex_search(doc.text, std::regex("&[A-Za-z]+;"))) << doc.text;
  for (const char* junk : {"window.", "getAdSnippetCallback", "Advertisements", "<", "&#"}) {
    EXPECT_FALSE(Contains(doc.text, junk)) << junk;
  }
  EXPECT_EQ(doc.title,
            "US not ready to collaborate militarily with Russia, says Trump\u2019s defence secretary");
}

TEST(CleanerTest, DeepNestingIsFlattenedQuickly) {
  constexpr int kDepth = 100000;
  std::string html = "<html><head><title>Deep</title></head><body>";
  html.reserve(kDepth * 12 + 200);
  for (int i = 0; i < kDepth; ++i) html += "<div>";
  html += "The deep text survives the flattening.";
  for (int i = 0; i < kDepth; ++i) html += "</div>";
  html += "</body></html>";
  const auto start = std::chrono::steady_clock::now();
  const CleanDocument doc = CleanOk(html);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(doc.text, "The deep text survives the flattening.");
  EXPECT_EQ(doc.title, "Deep");
  EXPECT_LT(seconds, 2.0);  // generous: sanitizer builds and a shared machine
}

TEST(CleanerTest, DeepNestingOfInlineAndUnclosedTags) {
  std::string html = "<p>Start of the story is here.</p>";
  for (int i = 0; i < 50000; ++i) html += (i % 2) ? "<b>" : "<span><a href=x>";
  html += "The tail sentence is kept too.";
  const CleanDocument doc = CleanOk(html, DocumentFormat::kHtml);
  EXPECT_TRUE(Contains(doc.text, "Start of the story is here."));
  EXPECT_TRUE(Contains(doc.text, "The tail sentence is kept too."));
}

TEST(CleanerTest, LargeDocumentsWork) {
  std::string para = "This is one sentence of a very large article, repeated many times. ";
  std::string text;
  while (text.size() < (100u << 20)) text += para + "\n\n";
  const CleanDocument doc = CleanOk(text, DocumentFormat::kText);
  EXPECT_GT(doc.text.size(), 90u << 20);
  std::string html = "<html><body>";
  while (html.size() < (40u << 20)) html += "<p>" + para + "</p>\n";
  const CleanDocument hdoc = CleanOk(html);  // above max_html_parse_bytes: flattened
  EXPECT_GT(hdoc.text.size(), 30u << 20);
}

// A news page: the Extractor's article body, without the page's chrome; its
// title (site suffix dropped) and date fill what the record does not carry.
std::string NewsPage() {
  std::string html =
      "<html><head><title>Harbour closed after storm surge | Evening Herald</title>"
      "<meta property=\"article:published_time\" content=\"2021-03-04T10:15:00Z\"></head><body>"
      "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li>"
      "<li><a href=\"/sport\">Sport</a></li></ul></nav><article><h1>Harbour closed after storm surge</h1>";
  for (int i = 0; i < 4; ++i) {
    html += "<p>The harbour authority closed the northern port on Tuesday after a storm surge flooded the "
            "container terminal, officials said, adding that ships would be diverted to the southern "
            "anchorage until repairs were complete, paragraph " + std::to_string(i) + ".</p>";
  }
  html += "</article><div class=\"related\"><h3>Related posts</h3><ul>"
          "<li><a href=\"/a\">Ferry timetable changes for the summer</a></li>"
          "<li><a href=\"/b\">New lighthouse keeper appointed</a></li></ul></div>"
          "<footer>Copyright 2021 Evening Herald. All rights reserved.</footer></body></html>";
  return html;
}

TEST(CleanerTest, HtmlTakesTheExtractedArticleTitleAndDate) {
  const CleanDocument doc = CleanOk(NewsPage());
  EXPECT_TRUE(doc.was_html);
  EXPECT_TRUE(Contains(doc.text, "diverted to the southern anchorage until repairs were complete, paragraph 3."));
  for (const char* chrome : {"Home", "Related posts", "Ferry timetable", "Copyright"}) {
    EXPECT_FALSE(Contains(doc.text, chrome)) << chrome << "\n" << doc.text;
  }
  EXPECT_EQ(doc.title, "Harbour closed after storm surge");
  EXPECT_EQ(doc.date.substr(0, 10), "2021-03-04");

  Cleaner cleaner;  // the record's own title and date win
  RawDocument raw;
  raw.title = "Given title";
  raw.date = "2021-03-05";
  raw.content = NewsPage();
  CleanDocument out;
  ASSERT_TRUE(cleaner.Clean(raw, &out).ok());
  EXPECT_EQ(out.title, "Given title");
  EXPECT_EQ(out.date, "2021-03-05");
  EXPECT_EQ(out.text, doc.text);
}

TEST(CleanerTest, HtmlPageTextBaselineKeepsTheOldPath) {
  CleanOptions options;
  options.extract_article = false;
  const CleanDocument doc = CleanOk(NewsPage(), DocumentFormat::kAuto, options);
  EXPECT_TRUE(Contains(doc.text, "paragraph 3."));
  EXPECT_EQ(doc.date, "");  // the page-text path reads no metadata
}

TEST(CleanerTest, ReadabilityPagesCleanToText) {
  const fs::path dir = fs::path(REPRINT_SHARED_DIR) / "data/extraction/readability-test-pages";
  if (!fs::exists(dir)) GTEST_SKIP() << "no " << dir;
  Cleaner cleaner;
  int pages = 0;
  for (const char* name : {"aclu", "bbc-1", "cnn", "guardian-1", "nytimes-1", "wikipedia",
                           "breitbart", "ars-1", "heise", "folha", "hidden-nodes",
                           "comment-inside-script-parsing"}) {
    const fs::path file = dir / name / "source.html";
    if (!fs::exists(file)) continue;
    RawDocument raw;
    raw.content = ReadFile(file);
    CleanDocument out;
    ASSERT_TRUE(cleaner.Clean(raw, &out).ok()) << name;
    EXPECT_TRUE(out.was_html) << name;
    EXPECT_GT(out.text.size(), 200u) << name;
    EXPECT_EQ(out.text.find("<script"), std::string::npos) << name;
    ++pages;
  }
  EXPECT_GE(pages, 5);
  RawDocument tiny;  // its only text is "Test", entities live in a <meta>
  tiny.content = ReadFile(dir / "005-unescape-html-entities" / "source.html");
  CleanDocument out;
  ASSERT_TRUE(cleaner.Clean(tiny, &out).ok());
  EXPECT_EQ(out.text, "Test");
}

}  // namespace
}  // namespace reprint
