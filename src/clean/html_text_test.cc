#include "clean/html_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "clean/html_lexer.h"
#include "clean/tag_stripper.h"

namespace reprint::clean {
namespace {

std::vector<std::string> Paragraphs(const ParagraphBuilder& b) {
  std::vector<std::string> out;
  for (size_t i = 0; i < b.paragraphs().size(); ++i) out.emplace_back(b.paragraph(i));
  return out;
}

class HtmlTextTest : public ::testing::Test {
 protected:
  std::vector<std::string> Extract(std::string_view html, std::string* title = nullptr) {
    ParagraphBuilder b;
    std::string t;
    EXPECT_TRUE(html_.Extract(html, &b, title ? title : &t));
    return Paragraphs(b);
  }
  HtmlText html_;
};

TEST_F(HtmlTextTest, BlocksBecomeParagraphsAndInlineTextJoins) {
  EXPECT_EQ(Extract("<p>One <b>bold</b>\n  word.</p><p>Two<br>lines</p><div>x<i>y</i></div>"),
            (std::vector<std::string>{"One bold word.", "Two", "lines", "xy"}));
}

TEST_F(HtmlTextTest, DropsScriptsStylesAndChrome) {
  const char* html =
      "<html><head><title> The  Title </title><style>p{}</style><script>var a;</script></head>"
      "<body><nav><a>Home</a></nav><header>Site</header>"
      "<div role=\"navigation\">menu</div><div hidden>secret</div>"
      "<article><p>Article text.</p><script>alert(1)</script><noscript>enable js</noscript>"
      "<svg><text>chart</text></svg><template>tpl</template><iframe>frame</iframe></article>"
      "<aside>related</aside><form><button>Go</button></form><footer>(c) site</footer>"
      "</body></html>";
  std::string title;
  EXPECT_EQ(Extract(html, &title), (std::vector<std::string>{"Article text."}));
  EXPECT_EQ(title, "The Title");
}

TEST_F(HtmlTextTest, KeepsChromeWhenDroppingItLeavesNothing) {
  const std::string body(300, 'x');
  EXPECT_EQ(Extract("<form id=aspnet><p>" + body + "</p></form>"), (std::vector<std::string>{body}));
}

TEST_F(HtmlTextTest, DecodesResidualDoubleEscapes) {
  EXPECT_EQ(Extract("<p>Russia&amp;#8217;s &amp;amp; co</p>"),
            (std::vector<std::string>{"Russia\u2019s & co"}));
}

TEST_F(HtmlTextTest, BlankLinesInBareBodyTextBreakParagraphs) {
  EXPECT_EQ(Extract("Headline\n\n<p>Body text.</p>\n\nFooter one\n\nFooter two"),
            (std::vector<std::string>{"Headline", "Body text.", "Footer one", "Footer two"}));
  // Inside a block they are ordinary whitespace.
  EXPECT_EQ(Extract("<p>a\n\nb</p>"), (std::vector<std::string>{"a b"}));
}

TEST_F(HtmlTextTest, ParserIsReusedAcrossDocuments) {
  EXPECT_EQ(Extract("<p>first</p>"), (std::vector<std::string>{"first"}));
  EXPECT_EQ(Extract("<p>second</p>"), (std::vector<std::string>{"second"}));
  EXPECT_TRUE(Extract("").empty());
}

TEST(HtmlLexerTest, EstimatesDepth) {
  EXPECT_EQ(EstimateHtmlDepth("<div><div><p>a<p>b<br><img/></div></div>", 100), 2u);
  EXPECT_EQ(EstimateHtmlDepth("<script><div><div><div></script>", 100), 0u);
  EXPECT_EQ(EstimateHtmlDepth("<!-- <div><div> -->", 100), 0u);
  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += "<div>";
  EXPECT_GT(EstimateHtmlDepth(deep, 256), 256u);
}

TEST(TagStripperTest, KeepsTextDropsRawTextAndBreaksBlocks) {
  ParagraphBuilder b;
  std::string title;
  TagStripper().Strip(
      "<html><head><title>T &amp; U</title><script>if (a<b) x();</script>"
      "<style>p{}</style></head><body><!-- note --><p>One&comma; two</p>"
      "<svg><g><svg></svg>hidden</g></svg><div a=\"x>y\">Three <b>four</b></div>5 < 6</body>",
      &b, &title);
  EXPECT_EQ(Paragraphs(b), (std::vector<std::string>{"One, two", "Three four", "5 < 6"}));
  EXPECT_EQ(title, "T & U");
}

TEST(TagStripperTest, UnterminatedConstructsEndAtEof) {
  for (const char* html : {"<p>a<script>b", "<p>a<!-- b", "<p>a<div class=\"b", "<p>a<", "a</"}) {
    ParagraphBuilder b;
    std::string title;
    TagStripper().Strip(html, &b, &title);
    ASSERT_FALSE(b.paragraphs().empty()) << html;
    EXPECT_EQ(b.paragraph(0).substr(0, 1), "a") << html;
  }
}

}  // namespace
}  // namespace reprint::clean
