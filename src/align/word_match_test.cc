#include "align/word_match.h"

#include <gtest/gtest.h>

namespace reprint::align {
namespace {

TEST(BoundedEditDistance, CountsEditsUpToTheLimit) {
  EXPECT_EQ(BoundedEditDistance("defence", "defense", 2), 1);
  EXPECT_EQ(BoundedEditDistance("Judgement", "judgment", 2), 1);
  EXPECT_EQ(BoundedEditDistance("programme", "program", 2), 2);
  EXPECT_EQ(BoundedEditDistance("programme", "program", 1), 2);  // limit + 1
  EXPECT_EQ(BoundedEditDistance("kitten", "sitting", 5), 3);
  EXPECT_EQ(BoundedEditDistance("", "abc", 5), 3);
}

class WordMatchTest : public ::testing::Test {
 protected:
  WordMatch Compare(std::string_view x, std::string_view y) {
    Tokenize(x, &a_);
    Tokenize(y, &b_);
    return CompareWords(a_, 0, b_, 0);
  }
  WordTokens a_, b_;
};

TEST_F(WordMatchTest, EqualAfterNormalisation) {
  EXPECT_EQ(Compare("Nato", "NATO"), WordMatch::kEqual);
  EXPECT_EQ(Compare("Café", "CAFÉ"), WordMatch::kEqual);
}

TEST_F(WordMatchTest, SpellingVariants) {
  EXPECT_EQ(Compare("defence", "Defense"), WordMatch::kVariant);
  EXPECT_EQ(Compare("organisation", "organization"), WordMatch::kVariant);
  EXPECT_EQ(Compare("programme", "program"), WordMatch::kNone);  // 7 bytes: one edit allowed
}

TEST_F(WordMatchTest, ShortWordsAndNumbersAreNotVariants) {
  EXPECT_EQ(Compare("cat", "cut"), WordMatch::kNone);
  EXPECT_EQ(Compare("20145", "20155"), WordMatch::kNone);
  EXPECT_EQ(Compare("house", "mouse"), WordMatch::kVariant);  // the price of edit distance 1
  EXPECT_EQ(Compare("military", "minister"), WordMatch::kNone);
}

TEST_F(WordMatchTest, JoinedCompounds) {
  Tokenize("counter-terrorism", &a_);
  Tokenize("counterterrorism", &b_);
  ASSERT_EQ(a_.size(), 2u);
  EXPECT_TRUE(JoinedEqual(a_, 0, b_, 0));
  Tokenize("counter terror", &a_);
  EXPECT_FALSE(JoinedEqual(a_, 0, b_, 0));
}

TEST_F(WordMatchTest, SpansPointAtTheWordsAsWritten) {
  Tokenize("  Trump’s «défense» chief, 2014.", &a_);
  ASSERT_EQ(a_.size(), 5u);
  EXPECT_EQ(a_.Raw(0), "Trump");
  EXPECT_EQ(a_.Raw(1), "s");
  EXPECT_EQ(a_.Raw(2), "défense");
  EXPECT_EQ(a_.Raw(3), "chief");
  EXPECT_EQ(a_.Raw(4), "2014");
}

}  // namespace
}  // namespace reprint::align
