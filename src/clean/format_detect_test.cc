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
}

}  // namespace
}  // namespace reprint::clean
