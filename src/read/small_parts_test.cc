// Tests of the read stage's small pure helpers: file kinds, binary sniffing,
// blank detection and UTF-8 repair.
#include <string>

#include <gtest/gtest.h>

#include "read/blank_text.h"
#include "read/file_kind.h"
#include "read/utf8_repair.h"

namespace reprint::read {
namespace {

TEST(ReadFileKindTest, ExtensionsPickFormatAndCompression) {
  EXPECT_TRUE(KindFromPath("a/b.jsonl").json_lines);
  EXPECT_TRUE(KindFromPath("b.NDJSON").json_lines);
  EXPECT_TRUE(KindFromPath("b.json.gz").json_lines);
  EXPECT_EQ(KindFromPath("b.json.gz").compression, Compression::kGzip);
  EXPECT_EQ(KindFromPath("b.jsonl.zst").compression, Compression::kZstd);
  EXPECT_EQ(KindFromPath("b.txt").format, DocumentFormat::kAuto);
  EXPECT_FALSE(KindFromPath("b.txt").json_lines);
  EXPECT_EQ(KindFromPath("b.HTM.gz").format, DocumentFormat::kHtml);
  EXPECT_EQ(KindFromPath("b.xhtml").format, DocumentFormat::kHtml);
  EXPECT_EQ(KindFromPath("README").format, DocumentFormat::kAuto);
  EXPECT_EQ(KindFromPath(".jsonl").json_lines, false);  // a hidden name, not an extension
  EXPECT_EQ(KindFromPath("dir.jsonl/file").json_lines, false);
  EXPECT_EQ(KindFromPath("x.gz").compression, Compression::kGzip);
  EXPECT_EQ(KindFromPath("x.gz").format, DocumentFormat::kAuto);
}

TEST(ReadBlankTextTest, BlankMeansOnlyAsciiWhitespace) {
  EXPECT_TRUE(IsBlank("", 0));
  EXPECT_TRUE(IsBlank(" \t\r\n\v\f", 6));
  EXPECT_FALSE(IsBlank("  x ", 4));
}

std::string Repair(const std::string& s, size_t* n = nullptr) {
  std::string out;
  size_t k = AppendRepairedUtf8(s.data(), s.size(), &out);
  if (n != nullptr) *n = k;
  return out;
}

TEST(ReadUtf8RepairTest, ValidTextIsUnchanged) {
  size_t n = 1;
  const std::string s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z";
  EXPECT_EQ(Repair(s, &n), s);
  EXPECT_EQ(n, 0u);
}

TEST(ReadUtf8RepairTest, InvalidSequencesBecomeReplacementCharacters) {
  const std::string fffd = "\xef\xbf\xbd";
  size_t n = 0;
  EXPECT_EQ(Repair("a\xe9z", &n), "a" + fffd + "z");
  EXPECT_EQ(n, 1u);
  EXPECT_EQ(Repair("\xe2\x82"), fffd);                       // truncated at end: one maximal subpart
  EXPECT_EQ(Repair("\xe2\x82z"), fffd + "z");
  EXPECT_EQ(Repair("\xc0\xaf"), fffd + fffd);                // overlong
  EXPECT_EQ(Repair("\xed\xa0\x80"), fffd + fffd + fffd);     // surrogate
  EXPECT_EQ(Repair("\xf4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // > U+10FFFF
  EXPECT_EQ(Repair("\xff"), fffd);
}

}  // namespace
}  // namespace reprint::read
