#include "clean/format_detect.h"

#include <gtest/gtest.h>

#include <string>

namespace reprint::clean {
namespace {

TEST(FormatDetectTest, Html) {
  EXPECT_EQ(SniffFormat("<!DOCTYPE html><p>x"), SniffedFormat::kHtml);
  EXPECT_EQ(SniffFormat("\xEF\xBB\xBF  \n<HTML lang=en>"), SniffedFormat::kHtml);
  // A plain headline line, then tags: still HTML.
  EXPECT_EQ(SniffFormat("Some headline\n\n<div class=\"a\"><p>Text</p><p>More</p></div>"),
            SniffedFormat::kHtml);
  EXPECT_EQ(SniffFormat("Headline\n\n<div class&equals;\"a\">x<&sol;div><p>y<&sol;p>"),
            SniffedFormat::kHtml);
}

TEST(FormatDetectTest, Text) {
  EXPECT_EQ(SniffFormat("Plain news text.\n\nWith paragraphs."), SniffedFormat::kText);
  EXPECT_EQ(SniffFormat("If a <b then b > a, and the <p> tag is HTML."), SniffedFormat::kText);
  EXPECT_EQ(SniffFormat(""), SniffedFormat::kText);
}

TEST(FormatDetectTest, Binary) {
  EXPECT_EQ(SniffFormat(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), SniffedFormat::kBinary);
  EXPECT_EQ(SniffFormat(std::string("h\0e\0l\0l\0o\0", 10)), SniffedFormat::kBinary);  // UTF-16
  std::string controls(100, 'a');
  for (int i = 0; i < 20; ++i) controls[i * 5] = '\x01';
  EXPECT_TRUE(LooksBinary(controls));
  EXPECT_FALSE(LooksBinary("text\twith\ttabs\r\nand \x1b[1m escapes"));
}

TEST(FormatDetectTest, Utf16WithByteOrderMarkIsText) {
  EXPECT_FALSE(LooksBinary(std::string("\xFF\xFE<\0p\0>\0h\0i\0\n\0", 14)));
  EXPECT_FALSE(LooksBinary(std::string("\xFE\xFF\0<\0p\0>\0h\0i", 12)));
  EXPECT_FALSE(LooksBinary("\xFF\xFE"));
  // A NUL unit, or mostly control units, is still binary.
  EXPECT_TRUE(LooksBinary(std::string("\xFF\xFEh\0\0\0i\0", 8)));
  EXPECT_TRUE(LooksBinary(std::string("\xFE\xFF\0\x01\0\x02\0\x03\0a", 10)));
}

}  // namespace
}  // namespace reprint::clean
