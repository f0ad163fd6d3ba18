#include "story/article_terms.h"

#include <gtest/gtest.h>

#include <string>

namespace reprint::story {
namespace {

const ArticleTerm* Find(const ArticleTerms& terms, std::string_view display) {
  for (const ArticleTerm& t : terms.terms)
    if (std::string_view(terms.text).substr(t.begin, t.end - t.begin) == display) return &t;
  return nullptr;
}

ArticleTerms ExtractText(const std::string& title, const std::string& text) {
  CleanDocument doc;
  doc.title = title;
  doc.text = text;
  ArticleTerms out;
  ArticleTermExtractor extractor;
  extractor.Extract(doc, &out);
  return out;
}

TEST(ArticleTermsTest, MidSentenceCapitalsAndNumbersAreEntities) {
  ArticleTerms t = ExtractText("", "Searchers said the jet flew over Perth on Tuesday with 239 people. Searchers rested.");
  ASSERT_NE(Find(t, "Perth"), nullptr);
  EXPECT_TRUE(Find(t, "Perth")->IsEntity());
  EXPECT_TRUE(Find(t, "239")->IsEntity());
  EXPECT_FALSE(Find(t, "jet")->IsEntity());
  // Capitalised only at the start of sentences: not an entity.
  ASSERT_NE(Find(t, "Searchers"), nullptr);
  EXPECT_EQ(Find(t, "Searchers")->count, 2u);
  EXPECT_FALSE(Find(t, "Searchers")->IsEntity());
}

TEST(ArticleTermsTest, AdjacentCapitalisedWordsMakeANameTerm) {
  ArticleTerms t = ExtractText("", "A plane of Malaysia Airlines left Kuala Lumpur. Malaysia Airlines said so.");
  const ArticleTerm* name = Find(t, "Malaysia Airlines");
  ASSERT_NE(name, nullptr);
  EXPECT_TRUE(name->name);
  EXPECT_EQ(name->count, 2u);
  EXPECT_NE(Find(t, "Kuala Lumpur"), nullptr);
  // Words split by punctuation or a line break are not one name.
  ArticleTerms apart = ExtractText("", "He met Obama. Paris was calm.\nBerlin too.");
  EXPECT_EQ(Find(apart, "Obama. Paris"), nullptr);
  for (const ArticleTerm& term : apart.terms) EXPECT_FALSE(term.name);
}

TEST(ArticleTermsTest, TitleWordsAreMarkedAndTitleCaseIsNotAnEntity) {
  ArticleTerms t = ExtractText("Galaxy Phone Goes On Sale", "The phone went on sale in Seoul on Friday.");
  ASSERT_NE(Find(t, "Goes"), nullptr);
  EXPECT_TRUE(Find(t, "Goes")->in_title);
  EXPECT_FALSE(Find(t, "Goes")->IsEntity());
  EXPECT_FALSE(Find(t, "Seoul")->in_title);
}

TEST(ArticleTermsTest, ShortFirstParagraphIsTheHeadlineOfATextWithoutTitle) {
  ArticleTerms t = ExtractText("", "Quake Hits Japan\n\nA strong earthquake hit the coast of Japan on Friday.");
  EXPECT_TRUE(Find(t, "Quake")->in_title);
  EXPECT_FALSE(Find(t, "strong")->in_title);
  ArticleTerms no_headline = ExtractText("", "A strong earthquake hit the coast on Friday.");
  for (const ArticleTerm& term : no_headline.terms) EXPECT_FALSE(term.in_title);
}

TEST(ArticleTermsTest, CaseAndPunctuationVariantsAreOneTerm) {
  ArticleTerms t = ExtractText("", "the Trump’s plan. Trump's plan, TRUMP's plan");
  size_t trump = 0;
  for (const ArticleTerm& term : t.terms) {
    std::string lower(std::string_view(t.text).substr(term.begin, term.end - term.begin));
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "trump") {
      ++trump;
      EXPECT_EQ(term.count, 3u);
    }
  }
  EXPECT_EQ(trump, 1u);
}

TEST(ArticleTermsTest, ParseDayReadsIsoDates) {
  EXPECT_EQ(ParseDay("1970-01-01"), 0);
  EXPECT_EQ(ParseDay("1970-01-02T10:00:00Z"), 1);
  EXPECT_EQ(ParseDay("2014-03-08").value() - ParseDay("2014-02-28").value(), 8);
  EXPECT_EQ(ParseDay("2014-02-30"), std::nullopt);
  EXPECT_EQ(ParseDay("March 8, 2014"), std::nullopt);
  EXPECT_EQ(ParseDay(""), std::nullopt);
}

}  // namespace
}  // namespace reprint::story
