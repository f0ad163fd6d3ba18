#include "util/binary_sniff.h"

#include <gtest/gtest.h>

#include <string>

namespace reprint {
namespace {

TEST(BinarySniffTest, NulOrManyControlBytesMeanBinary) {
  EXPECT_FALSE(LooksBinary(""));
  EXPECT_FALSE(LooksBinary("plain text\r\n\tmore\f\v"));
  EXPECT_FALSE(LooksBinary("text\twith\ttabs\r\nand \x1b[1m escapes"));
  EXPECT_TRUE(LooksBinary(std::string("abc\0def", 7)));
  EXPECT_TRUE(LooksBinary(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)));
  EXPECT_TRUE(LooksBinary("\x01\x02\x03\x04x"));
  EXPECT_FALSE(LooksBinary("\x01 hello world, one control byte in 24"));
  std::string controls(100, 'a');
  for (int i = 0; i < 11; ++i) controls[i * 9] = '\x01';
  EXPECT_TRUE(LooksBinary(controls));  // 11 %
  controls[0] = 'a';
  EXPECT_FALSE(LooksBinary(controls));  // 10 %
  std::string deletes(100, 'a');
  for (int i = 0; i < 11; ++i) deletes[i * 9] = '\x7F';
  EXPECT_TRUE(LooksBinary(deletes));
}

TEST(BinarySniffTest, OnlyTheFirstBytesAreExamined) {
  std::string text(kBinarySniffBytes, 'a');
  EXPECT_FALSE(LooksBinary(text + std::string(1000, '\0')));
  EXPECT_TRUE(LooksBinary(std::string(1, '\0') + text));
}

TEST(BinarySniffTest, Utf16WithByteOrderMarkIsJudgedByUnits) {
  EXPECT_FALSE(LooksBinary(std::string("\xFF\xFE<\0p\0>\0h\0i\0\n\0", 14)));
  EXPECT_FALSE(LooksBinary(std::string("\xFE\xFF\0<\0p\0>\0h\0i", 12)));
  EXPECT_FALSE(LooksBinary("\xFF\xFE"));
  EXPECT_TRUE(LooksBinary(std::string("\xFF\xFEh\0\0\0i\0", 8)));  // a NUL unit
  EXPECT_TRUE(LooksBinary(std::string("\xFE\xFF\0\x01\0\x02\0\x03\0a", 10)));
  EXPECT_TRUE(LooksBinary(std::string("\xFF\xFE\x01\0\x02\0\x7F\0a\0", 10)));
  EXPECT_TRUE(LooksBinary(std::string("h\0e\0l\0l\0o\0", 10)));  // no byte order mark
}

}  // namespace
}  // namespace reprint
