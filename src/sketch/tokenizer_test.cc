#include "sketch/tokenizer.h"

#include <gtest/gtest.h>

namespace reprint::sketch {
namespace {

std::vector<std::string> Tokens(std::string_view text) {
  Tokenizer tokenizer(1);
  std::vector<std::string> tokens;
  tokenizer.Tokens(text, &tokens);
  return tokens;
}

using Words = std::vector<std::string>;

TEST(TokenizerTest, AsciiIsLowerCasedAndSplitAtPunctuation) {
  EXPECT_EQ(Tokens("Hello, World! 2014-annexation"), (Words{"hello", "world", "2014", "annexation"}));
}

TEST(TokenizerTest, CurlyAndStraightApostrophesTokeniseAlike) {
  EXPECT_EQ(Tokens("Trump’s defence"), Tokens("Trump's defence"));
  EXPECT_EQ(Tokens("“quoted” — text"), Tokens("\"quoted\" - text"));
}

TEST(TokenizerTest, NonAsciiWordsAreNfkcCaseFolded) {
  EXPECT_EQ(Tokens("Straße CAFÉ café"), (Words{"strasse", "café", "café"}));
  EXPECT_EQ(Tokens("ＡＢＣ ﬁnance"), (Words{"abc", "finance"}));
  EXPECT_EQ(Tokens("Москва ПРИВЕТ"), (Words{"москва", "привет"}));
}

TEST(TokenizerTest, DecomposedAccentsMatchComposed) {
  EXPECT_EQ(Tokens("cafe\xCC\x81"), Tokens("caf\xC3\xA9"));
}

TEST(TokenizerTest, HanIsOneTokenPerCharacter) {
  EXPECT_EQ(Tokens("北京欢迎你"), (Words{"北", "京", "欢", "迎", "你"}));
}

TEST(TokenizerTest, ThaiIsSegmentedIntoWords) {
  Words words = Tokens("ภาษาไทยง่ายนิดเดียว");
  EXPECT_GE(words.size(), 3u);
  std::string joined;
  for (const auto& w : words) joined += w;
  EXPECT_EQ(joined, "ภาษาไทยง่ายนิดเดียว");
}

TEST(TokenizerTest, InvalidUtf8SeparatesWordsWithoutCrashing) {
  EXPECT_EQ(Tokens("abc\xff\xfe" "def \xC3"), (Words{"abc", "def"}));
}

TEST(TokenizerTest, HashesMatchTokens) {
  Tokenizer tokenizer(7);
  std::vector<uint64_t> a, b;
  tokenizer.HashTokens("The Quick brown fox", &a);
  tokenizer.HashTokens("the quick, BROWN fox!", &b);
  EXPECT_EQ(a.size(), 4u);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace reprint::sketch
