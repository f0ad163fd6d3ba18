#include "request_body.h"

#include <gtest/gtest.h>

namespace reprint::serve {
namespace {

TEST(RequestBodyTest, OneObjectArrayAndJsonLines) {
  auto one = ParseDocumentsBody(R"({"id":"a","text":"hello","url":"u","date":"2020-01-02","title":"t"})",
                                BodyFormat::kDetect);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ(one.value()[0].id, "a");
  EXPECT_EQ(one.value()[0].content, "hello");
  EXPECT_EQ(one.value()[0].url, "u");
  EXPECT_EQ(one.value()[0].date, "2020-01-02");
  EXPECT_EQ(one.value()[0].title, "t");

  auto array = ParseDocumentsBody(R"([{"id":1,"html":"<p>x</p>"},{"id":"b","text":"y","source":null}])",
                                  BodyFormat::kDetect);
  ASSERT_TRUE(array.ok()) << array.status().ToString();
  ASSERT_EQ(array->size(), 2u);
  EXPECT_EQ(array.value()[0].id, "1");
  EXPECT_EQ(array.value()[0].format, DocumentFormat::kHtml);

  auto lines = ParseDocumentsBody("{\"id\":\"a\",\"text\":\"x\"}\n\n{\"id\":\"b\",\"text\":\"y\"}\n", BodyFormat::kDetect);
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  EXPECT_EQ(lines->size(), 2u);
}

TEST(RequestBodyTest, PrettyPrintedObjectIsNotJsonLines) {
  auto pretty = ParseDocumentsBody("{\n  \"id\": \"a\",\n  \"text\": \"x\"\n}\n", BodyFormat::kDetect);
  ASSERT_TRUE(pretty.ok()) << pretty.status().ToString();
  EXPECT_EQ(pretty->size(), 1u);
}

TEST(RequestBodyTest, ErrorsNameTheLineOrRecord) {
  auto bad_line = ParseDocumentsBody("{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\n", BodyFormat::kJsonLines);
  ASSERT_FALSE(bad_line.ok());
  EXPECT_EQ(bad_line.status().code(), StatusCode::kMalformedInput);
  EXPECT_NE(bad_line.status().message().find("line 2: malformed JSON"), std::string::npos)
      << bad_line.status().message();

  auto no_id = ParseDocumentsBody(R"([{"id":"a","text":"x"},{"text":"y"}])", BodyFormat::kDetect);
  ASSERT_FALSE(no_id.ok());
  EXPECT_EQ(no_id.status().message(), "record 1: missing \"id\"");

  auto wrong_type = ParseDocumentsBody(R"({"id":"a","text":"x","title":["t"]})", BodyFormat::kDetect);
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_NE(wrong_type.status().message().find("\"title\" must be a string"), std::string::npos);

  EXPECT_FALSE(ParseDocumentsBody("  \n", BodyFormat::kDetect).ok());
  EXPECT_FALSE(ParseDocumentsBody("[]", BodyFormat::kDetect).ok());
  EXPECT_FALSE(ParseDocumentsBody("[1]", BodyFormat::kDetect).ok());
  EXPECT_FALSE(ParseDocumentsBody(R"({"id":"a"})", BodyFormat::kDetect).ok());
  EXPECT_FALSE(ParseDocumentsBody(R"({"id":"","text":"x"})", BodyFormat::kDetect).ok());
}

TEST(RequestBodyTest, ContentTypes) {
  EXPECT_EQ(BodyFormatOf("application/x-ndjson"), BodyFormat::kJsonLines);
  EXPECT_EQ(BodyFormatOf("application/x-ndjson; charset=utf-8"), BodyFormat::kJsonLines);
  EXPECT_EQ(BodyFormatOf("application/json"), BodyFormat::kDetect);
  EXPECT_EQ(BodyFormatOf(""), BodyFormat::kDetect);
}

}  // namespace
}  // namespace reprint::serve
