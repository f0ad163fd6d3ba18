#include "clean/text_boilerplate.h"

#include <gtest/gtest.h>

#include <string>

namespace reprint::clean {
namespace {

struct Trimmed {
  std::string text;
  std::string title;
};

Trimmed Trim(std::string_view text) {
  ParagraphBuilder b;
  SplitPlainText(text, &b);
  const TrimResult r = TrimBoilerplate(b);
  Trimmed t;
  if (r.first < r.last) t.text = b.Range(r.first, r.last);
  if (r.title < b.paragraphs().size()) t.title = b.paragraph(r.title);
  return t;
}

TEST(IsProseTest, SentencesAndLongParagraphs) {
  EXPECT_TRUE(IsProse("He said he would not go."));
  EXPECT_TRUE(IsProse("\u201CWe are not ready,\u201D he said.\u201D"));
  EXPECT_TRUE(IsProse("Mattis shot back: \u201CI have no need at all.\u201D"));
  EXPECT_TRUE(IsProse("Is this the end of the road?"));
  EXPECT_FALSE(IsProse("Comments are closed."));  // too short
  EXPECT_FALSE(IsProse("Related posts"));
  EXPECT_FALSE(IsProse("Trump's defence chief sees no military collaboration with Russia"));
  EXPECT_FALSE(IsProse("1 comment"));
  // Long enough to be prose even without final punctuation.
  EXPECT_TRUE(IsProse("a b c d e f g h i j k l m n o p q r s t u v w x y z"));
}

TEST(TrimBoilerplateTest, DropsLeadingAndTrailingChromeKeepsShortBodyLines) {
  const Trimmed t = Trim(
      "Site Name\n\nA Headline About Things Today\n\n- By AGENCY\n\n"
      "First sentence of the article is here.\n\nA short line\n\n"
      "Last sentence of the article is here.\n\nRelated posts\n\nOther headline\n\n1 comment");
  EXPECT_EQ(t.text,
            "First sentence of the article is here.\n\nA short line\n\n"
            "Last sentence of the article is here.");
  EXPECT_EQ(t.title, "A Headline About Things Today");
}

TEST(TrimBoilerplateTest, NeverStripsEverything) {
  EXPECT_EQ(Trim("Just a headline\n\nAnd a menu").text, "Just a headline\n\nAnd a menu");
  EXPECT_EQ(Trim("").text, "");
}

TEST(TrimBoilerplateTest, LegalNoticeIsChromeNotProse) {
  EXPECT_FALSE(IsProse("Copyright 2024 The Morning Dispatch. All Rights Reserved."));
  EXPECT_FALSE(IsProse("\u00A9 2024 Some Site. All rights reserved."));
  const Trimmed t = Trim("The first sentence of the story is here.\n\nThe second one is here too.\n\n"
                         "\u00A9 2024 Coastline News. All rights reserved.");
  EXPECT_EQ(t.text, "The first sentence of the story is here.\n\nThe second one is here too.");
}

// Regression: a Reuters earnings table followed by a copyright line came out
// as the copyright line alone, which then looked "contained" in every page
// carrying the same notice.
TEST(TrimBoilerplateTest, TableOfFiguresIsNotReducedToItsFooter) {
  const std::string table =
      "Shr profit six cts vs loss one ct\nNet profit 80,939 vs loss 12,808\nRev 7.0 mln vs 6.3 mln\n"
      "Six months\nNet profit 101,345 vs loss 10,460\nRev 13.2 mln vs 12.5 mln\nShare this article\n"
      "Comments are closed.\nCopyright 2024 The Morning Dispatch. All Rights Reserved.";
  const Trimmed t = Trim(table);
  EXPECT_NE(t.text.find("Net profit 80,939"), std::string::npos) << t.text;
}

TEST(SplitPlainTextTest, BlankLinesSeparateParagraphsOtherwiseLinesDo) {
  ParagraphBuilder b;
  SplitPlainText("a\nwrapped line\n \nnext  para\r\n\r\nthird", &b);
  ASSERT_EQ(b.paragraphs().size(), 3u);
  EXPECT_EQ(b.paragraph(0), "a wrapped line");
  EXPECT_EQ(b.paragraph(1), "next para");
  EXPECT_EQ(b.Range(0, 3), "a wrapped line\n\nnext para\n\nthird");
  ParagraphBuilder lines;
  SplitPlainText("one\ntwo\u00a0 words\n\tthree", &lines);
  ASSERT_EQ(lines.paragraphs().size(), 3u);
  EXPECT_EQ(lines.paragraph(1), "two words");
}

}  // namespace
}  // namespace reprint::clean
