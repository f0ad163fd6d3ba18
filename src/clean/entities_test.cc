#include "clean/entities.h"

#include <gtest/gtest.h>

namespace reprint::clean {
namespace {

std::string Decode(std::string_view in, EntityMode mode = EntityMode::kAll, int rounds = 3) {
  std::string out, scratch;
  DecodeEntities(in, mode, rounds, &out, &scratch);
  return out;
}

TEST(EntitiesTest, NamedWithSemicolon) {
  EXPECT_EQ(Decode("Q&amp;A &lt;b&gt; &quot;x&quot; &eacute;t&eacute;"), "Q&A <b> \"x\" \u00e9t\u00e9");
  EXPECT_EQ(Decode("&comma;&period;&sol;&equals;&NewLine;&Tab;"), ",./=\n\t");
  EXPECT_EQ(Decode("&CounterClockwiseContourIntegral;"), "\u2233");
  EXPECT_EQ(Decode("&acE;"), "\u223E\u0333");  // two code points
}

TEST(EntitiesTest, LegacyNamesWithoutSemicolon) {
  EXPECT_EQ(Decode("AT&amp T &copy 2017"), "AT& T \u00a9 2017");
  EXPECT_EQ(Decode("&copy2017"), "\u00a92017");
  EXPECT_EQ(Decode("&notit;"), "\u00acit;");  // longest legacy prefix
  // Not legacy: needs its ';'.
  EXPECT_EQ(Decode("&comma &hellip"), "&comma &hellip");
}

TEST(EntitiesTest, UnknownAndBareAmpersandsStay) {
  EXPECT_EQ(Decode("AT&T, a & b, &zzz; &; &#; &#x;"), "AT&T, a & b, &zzz; &; &#; &#x;");
  EXPECT_EQ(Decode("trailing &"), "trailing &");
}

TEST(EntitiesTest, Numeric) {
  EXPECT_EQ(Decode("&#8217;&#x2019;&#X2019;&#39;"), "\u2019\u2019\u2019'");
  EXPECT_EQ(Decode("&#65&#66;C"), "ABC");
  EXPECT_EQ(Decode("&#x1F600;"), "\U0001F600");
}

TEST(EntitiesTest, Windows1252Range) {
  EXPECT_EQ(Decode("&#146;&#147;&#148;&#150;&#151;&#128;"), "\u2019\u201C\u201D\u2013\u2014\u20AC");
}

TEST(EntitiesTest, InvalidNumericBecomeReplacementCharacter) {
  EXPECT_EQ(Decode("&#0;"), "\uFFFD");
  EXPECT_EQ(Decode("&#xD800;"), "\uFFFD");
  EXPECT_EQ(Decode("&#x110000;"), "\uFFFD");
  EXPECT_EQ(Decode("&#99999999999999999999;"), "\uFFFD");
  EXPECT_EQ(Decode("a&#1;b&#9;c"), "ab\tc");  // controls dropped, tab kept
}

TEST(EntitiesTest, DoubleAndTripleEscapes) {
  EXPECT_EQ(Decode("Russia&amp;#8217;s"), "Russia\u2019s");
  EXPECT_EQ(Decode("&amp;amp;amp;"), "&");
  EXPECT_EQ(Decode("&amp;amp;amp;amp;"), "&amp;");  // at most 3 rounds
  EXPECT_EQ(Decode("&amp;amp;", EntityMode::kAll, 1), "&amp;");
}

TEST(EntitiesTest, Seed004Patterns) {
  EXPECT_EQ(Decode("Russia&&num;8217&semi;s alleged"), "Russia\u2019s alleged");
  EXPECT_EQ(Decode("&&num;8220&semi;very little doubt&&num;8221&semi;&period;"),
            "\u201Cvery little doubt\u201D.");
}

TEST(EntitiesTest, MarkupSafeModeKeepsMarkupCharacters) {
  EXPECT_EQ(Decode("<&sol;p> class&equals;\"a\" &lt;b&gt; &amp; &quot; &#60;", EntityMode::kMarkupSafe),
            "</p> class=\"a\" &lt;b&gt; &amp; &quot; &#60;");
  EXPECT_EQ(Decode("x&&num;8217&semi;s", EntityMode::kMarkupSafe), "x\u2019s");
}

TEST(EntitiesTest, NoAmpersandIsAPlainCopy) {
  std::string out = "old", scratch;
  EXPECT_FALSE(DecodeEntities("no references here", EntityMode::kAll, 3, &out, &scratch));
  EXPECT_EQ(out, "no references here");
}

TEST(EntitiesTest, CountsNeedlessReferences) {
  const EntityStats s = CountEntities("<&sol;p><p class&equals;\"x\">a&comma; b &amp; &eacute;&#8217;");
  EXPECT_EQ(s.references, 6u);
  EXPECT_EQ(s.needless, 3u);
  EXPECT_EQ(s.in_markup, 2u);
}

}  // namespace
}  // namespace reprint::clean
