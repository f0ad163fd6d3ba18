#include "clean/utf8.h"

#include <gtest/gtest.h>

namespace reprint::clean {
namespace {

std::string Sanitize(std::string_view in, bool* repaired = nullptr) {
  std::string out;
  const bool r = SanitizeUtf8(in, &out);
  if (repaired != nullptr) *repaired = r;
  return out;
}

TEST(Utf8Test, AsciiAndValidMultibyteAreClean) {
  EXPECT_TRUE(IsCleanUtf8("plain ascii text that is longer than eight bytes\n\ttab"));
  EXPECT_TRUE(IsCleanUtf8("Trump\u2019s d\u00e9fense \U0001F600 \u4e2d\u6587"));
  bool repaired = true;
  EXPECT_EQ(Sanitize("caf\u00e9 \u2019", &repaired), "caf\u00e9 \u2019");
  EXPECT_FALSE(repaired);
}

TEST(Utf8Test, InvalidBytesBecomeReplacementCharacter) {
  bool repaired = false;
  EXPECT_EQ(Sanitize("a\xFF" "b", &repaired), "a\uFFFD" "b");
  EXPECT_TRUE(repaired);
  EXPECT_FALSE(IsCleanUtf8("a\xFF" "b"));
  // Latin-1 "café" read as UTF-8.
  EXPECT_EQ(Sanitize("caf\xE9!"), "caf\uFFFD!");
}

TEST(Utf8Test, MaximalSubpartsAreReplacedOnce) {
  // Truncated 3-byte sequence followed by ASCII: one U+FFFD.
  EXPECT_EQ(Sanitize("\xE2\x80" "x"), "\uFFFD" "x");
  // Overlong encodings, surrogates and values above U+10FFFF.
  EXPECT_EQ(Sanitize("\xC0\xAF"), "\uFFFD\uFFFD");
  EXPECT_EQ(Sanitize("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(Sanitize("\xF4\x90\x80\x80"), "\uFFFD\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(Sanitize("\xF0\x9F\x98"), "\uFFFD");  // truncated at the end
}

TEST(Utf8Test, ControlCharactersAreDroppedExceptTabNewlineReturn) {
  bool repaired = true;
  EXPECT_EQ(Sanitize(std::string_view("a\0b\x01\x1f\tc\r\nd\x7f", 11), &repaired),
            "ab\tc\r\nd\x7f");
  EXPECT_FALSE(repaired);  // dropping controls is not a UTF-8 repair
  EXPECT_FALSE(IsCleanUtf8(std::string_view("12345678\0", 9)));
}

TEST(Utf8Test, AppendUtf8EncodesAllLengths) {
  std::string s;
  AppendUtf8(U'A', &s);
  AppendUtf8(0xE9, &s);
  AppendUtf8(0x2019, &s);
  AppendUtf8(0x1F600, &s);
  EXPECT_EQ(s, "A\u00e9\u2019\U0001F600");
}

TEST(ClassifyUtf8Test, AFewCorruptBytesInUtf8AreStillUtf8) {
  EXPECT_EQ(ClassifyUtf8("plain"), Utf8Kind::kAscii);
  EXPECT_EQ(ClassifyUtf8("caf\xC3\xA9"), Utf8Kind::kUtf8);
  EXPECT_EQ(ClassifyUtf8("caf\xE9"), Utf8Kind::kInvalid);
  EXPECT_EQ(ClassifyUtf8("caf\xC3\xA9 cr\xC3\xA8me \xFF"), Utf8Kind::kUtf8);  // 2 valid, 1 invalid
  EXPECT_EQ(ClassifyUtf8("caf\xC3\xA9 \xFF \xFE"), Utf8Kind::kInvalid);       // 1 valid, 2 invalid
  EXPECT_EQ(ClassifyUtf8("\xE2\x82"), Utf8Kind::kInvalid);                     // cut sequence
}

}  // namespace
}  // namespace reprint::clean
