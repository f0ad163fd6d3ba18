#include "read/jsonl_record.h"

#include <string>

#include <gtest/gtest.h>

#include "read/line_splitter.h"

namespace reprint::read {
namespace {

class ReadJsonlRecordTest : public ::testing::Test {
 protected:
  // Parses `line` from a padded copy, as the reader does from its buffer.
  Status Parse(const std::string& line) {
    padded_ = line + std::string(kLinePadding, ' ');
    return parser_.Parse(padded_.data(), line.size(), &doc_);
  }
  ReadOptions options_;
  JsonlRecordParser parser_{&options_};
  RawDocument doc_;
  std::string padded_;
};

TEST_F(ReadJsonlRecordTest, MapsAllFields) {
  ASSERT_TRUE(Parse(R"({"id":"a1","text":"Hello \u00e9","url":"http://x/","source":"AP",)"
                    R"("date":"2024-01-02","title":"T","extra":[1,2]})")
                  .ok());
  EXPECT_EQ(doc_.id, "a1");
  EXPECT_EQ(doc_.content, "Hello \xc3\xa9");
  EXPECT_EQ(doc_.format, DocumentFormat::kAuto);
  EXPECT_EQ(doc_.url, "http://x/");
  EXPECT_EQ(doc_.source, "AP");
  EXPECT_EQ(doc_.date, "2024-01-02");
  EXPECT_EQ(doc_.title, "T");
}

TEST_F(ReadJsonlRecordTest, MissingOptionalFieldsAreClearedBetweenRecords) {
  ASSERT_TRUE(Parse(R"({"id":"a","text":"x","url":"u","title":"t"})").ok());
  ASSERT_TRUE(Parse(R"({"text":"y","url":null})").ok());
  EXPECT_EQ(doc_.id, "");
  EXPECT_EQ(doc_.url, "");
  EXPECT_EQ(doc_.title, "");
  EXPECT_EQ(doc_.content, "y");
}

TEST_F(ReadJsonlRecordTest, NumericIdsBecomeDecimalStrings) {
  ASSERT_TRUE(Parse(R"({"id":42,"text":"x"})").ok());
  EXPECT_EQ(doc_.id, "42");
  ASSERT_TRUE(Parse(R"({"id":-7,"text":"x"})").ok());
  EXPECT_EQ(doc_.id, "-7");
  ASSERT_TRUE(Parse(R"({"id":18446744073709551615,"text":"x"})").ok());
  EXPECT_EQ(doc_.id, "18446744073709551615");
  ASSERT_TRUE(Parse(R"({"id":1.5,"text":"x"})").ok());
  EXPECT_EQ(doc_.id, "1.5");
}

TEST_F(ReadJsonlRecordTest, NonScalarIdIsAProblem) {
  Status s = Parse(R"({"id":[1],"text":"x"})");
  EXPECT_EQ(s.message(), "field \"id\" is not a string or number");
}

TEST_F(ReadJsonlRecordTest, HtmlIsPreferredOverText) {
  ASSERT_TRUE(Parse(R"({"text":"plain","html":"<p>rich</p>"})").ok());
  EXPECT_EQ(doc_.format, DocumentFormat::kHtml);
  EXPECT_EQ(doc_.content, "<p>rich</p>");
  ASSERT_TRUE(Parse(R"({"text":"plain","html":"  "})").ok());  // blank html: use the text
  EXPECT_EQ(doc_.format, DocumentFormat::kAuto);
  EXPECT_EQ(doc_.content, "plain");
  ASSERT_TRUE(Parse(R"({"text":null,"html":"<b>x</b>"})").ok());
  EXPECT_EQ(doc_.format, DocumentFormat::kHtml);
}

TEST_F(ReadJsonlRecordTest, ConfigurableFieldNames) {
  options_.id_field = "doc_id";
  options_.text_field = "body";
  options_.url_field = "link";
  ASSERT_TRUE(Parse(R"({"doc_id":"z","body":"words","link":"L","text":"ignored"})").ok());
  EXPECT_EQ(doc_.id, "z");
  EXPECT_EQ(doc_.content, "words");
  EXPECT_EQ(doc_.url, "L");
}

TEST_F(ReadJsonlRecordTest, MetadataScalarsAreStringified) {
  ASSERT_TRUE(Parse(R"({"text":"x","date":1700000000,"title":true,"source":{"a":1}})").ok());
  EXPECT_EQ(doc_.date, "1700000000");
  EXPECT_EQ(doc_.title, "true");
  EXPECT_EQ(doc_.source, "");
}

TEST_F(ReadJsonlRecordTest, ReportsBadRecords) {
  EXPECT_EQ(Parse(R"({"id":"a"})").message(), "no \"text\" or \"html\" field");
  EXPECT_EQ(Parse(R"({"text":5})").message(), "field \"text\" is not a string");
  EXPECT_EQ(Parse(R"({"html":{"x":1},"text":"t"})").message(), "field \"html\" is not a string");
  EXPECT_EQ(Parse(R"({"text":" \n\t "})").message(), "empty document");
  EXPECT_EQ(Parse(R"([1,2])").message(), "JSON line is not an object");
  EXPECT_EQ(Parse(R"("text")").message(), "JSON line is not an object");
  Status bad = Parse(R"({"text":"x",})");
  EXPECT_EQ(bad.code(), StatusCode::kMalformedInput);
  EXPECT_EQ(bad.message().rfind("malformed JSON: ", 0), 0u) << bad.message();
  EXPECT_FALSE(Parse(R"({"text":"x"} trailing)").ok());
  EXPECT_FALSE(Parse(R"({"text":"x")").ok());
  EXPECT_FALSE(Parse(R"({"text":"x", "y": tru})").ok());
}

TEST_F(ReadJsonlRecordTest, InvalidUtf8IsRepairedByDefault) {
  ASSERT_TRUE(Parse("{\"text\":\"caf\xe9 ok\"}").ok());
  EXPECT_EQ(doc_.content, "caf\xef\xbf\xbd ok");
}

TEST_F(ReadJsonlRecordTest, InvalidUtf8IsReportedWhenRepairIsOff) {
  options_.repair_invalid_utf8 = false;
  EXPECT_EQ(Parse("{\"text\":\"caf\xe9\"}").message(), "invalid UTF-8 in JSON line");
}

}  // namespace
}  // namespace reprint::read

namespace reprint::read {
namespace {

TEST_F(ReadJsonlRecordTest, UnpairedSurrogateEscapesAreRepaired) {
  ASSERT_TRUE(Parse(R"({"text":"a\udc80b \ud83d\ude00 \\udc80"})").ok());
  EXPECT_EQ(doc_.content, "a\xef\xbf\xbd" "b \xf0\x9f\x98\x80 \\udc80");
  ASSERT_TRUE(Parse("{\"text\":\"\\ud800\xff\"}").ok());  // both repairs in one line
  EXPECT_EQ(doc_.content, "\xef\xbf\xbd\xef\xbf\xbd");
  options_.repair_invalid_utf8 = false;
  EXPECT_EQ(Parse(R"({"text":"a\udc80b"})").message().rfind("malformed JSON: ", 0), 0u);
}

}  // namespace
}  // namespace reprint::read
