// `reprint serve` refuses bad requests with a JSON reason: malformed bodies
// (naming the line or record), missing ids, wrong types, wrong methods,
// unknown paths, oversized bodies and missing tokens.
#include <gtest/gtest.h>

#include "serve_test_util.h"
#include "test_util.h"

namespace reprint::testing {
namespace {

using nlohmann::json;

std::unique_ptr<ServeProcess> StartServer(const TempDir& dir, const std::vector<std::string>& args) {
  std::string error;
  auto server = ServeProcess::Start((dir.path() / "index").string(), args, &error);
  EXPECT_NE(server, nullptr) << error;
  return server;
}

// The status and the "error" message of a response.
std::pair<int, std::string> Outcome(const httplib::Result& res) {
  if (!res) return {-1, "no response: " + httplib::to_string(res.error())};
  json body = ParseBody(res);
  const bool has_error = body.is_object() && body.contains("error") && body["error"].is_string();
  return {res->status, has_error ? body["error"].get<std::string>() : "(no JSON error) " + res->body};
}

class ServeBadRequestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartServer(dir_, {"--max-body-bytes", "100000"});
    ASSERT_NE(server_, nullptr);
    client_ = server_->Client();
  }
  std::pair<int, std::string> Post(const std::string& body, const char* type = "application/json") {
    return Outcome(client_->Post("/v1/documents", body, type));
  }

  TempDir dir_;
  std::unique_ptr<ServeProcess> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServeBadRequestTest, MalformedJsonNamesTheLineOrRecord) {
  auto [status, error] = Post(R"({"id": "x", "text": "unterminated)");
  EXPECT_EQ(status, 400);
  EXPECT_NE(error.find("malformed JSON"), std::string::npos) << error;

  std::tie(status, error) = Post("{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":}\n", "application/x-ndjson");
  EXPECT_EQ(status, 400);
  EXPECT_NE(error.find("line 2"), std::string::npos) << error;

  std::tie(status, error) = Post(R"([{"id":"a","text":"one"}, {"text":"no id"}])");
  EXPECT_EQ(status, 400);
  EXPECT_NE(error.find("record 1"), std::string::npos) << error;
  EXPECT_NE(error.find("id"), std::string::npos) << error;

  std::tie(status, error) = Post("");
  EXPECT_EQ(status, 400) << error;
  std::tie(status, error) = Post("[]");
  EXPECT_EQ(status, 400) << error;
}

TEST_F(ServeBadRequestTest, MissingIdAndWrongTypes) {
  auto [status, error] = Post(R"({"text": "a text without an id"})");
  EXPECT_EQ(status, 400);
  EXPECT_NE(error.find("missing \"id\""), std::string::npos) << error;

  std::tie(status, error) = Post(R"({"id": "x", "text": 5})");
  EXPECT_EQ(status, 400);
  EXPECT_NE(error.find("\"text\" must be a string"), std::string::npos) << error;

  std::tie(status, error) = Post(R"({"id": "x"})");
  EXPECT_EQ(status, 400);
  EXPECT_NE(error.find("text"), std::string::npos) << error;

  std::tie(status, error) = Post(R"("just a string")");
  EXPECT_EQ(status, 400);
  EXPECT_NE(error.find("object"), std::string::npos) << error;

  std::tie(status, error) = Outcome(client_->Get("/v1/stories/1?limit=many"));
  EXPECT_EQ(status, 400) << error;
}

TEST_F(ServeBadRequestTest, WrongMethodUnknownPathAndOversizedBody) {
  auto res = client_->Put("/v1/documents", "{}", "application/json");
  auto [status, error] = Outcome(res);
  EXPECT_EQ(status, 405) << error;
  EXPECT_EQ(res->get_header_value("Allow"), "POST");
  std::tie(status, error) = Outcome(client_->Get("/v1/documents"));
  EXPECT_EQ(status, 405) << error;
  std::tie(status, error) = Outcome(client_->Post("/v1/health", "", "text/plain"));
  EXPECT_EQ(status, 405) << error;

  std::tie(status, error) = Outcome(client_->Get("/v2/nothing"));
  EXPECT_EQ(status, 404);
  EXPECT_NE(error.find("/v2/nothing"), std::string::npos) << error;
  std::tie(status, error) = Outcome(client_->Get("/v1/clusters/not-a-number"));
  EXPECT_EQ(status, 404) << error;

  const std::string big = DocumentJson("big", std::string(200000, 'a')).dump();
  std::tie(status, error) = Post(big);
  EXPECT_EQ(status, 413) << error;

  // The server still answers after all that.
  std::tie(status, error) = Outcome(client_->Get("/v1/documents/nothing"));
  EXPECT_EQ(status, 404) << error;
}

TEST(ServeTokenTest, TokenRequiredWhenConfigured) {
  TempDir dir;
  const auto token_file = dir.Write("token", "s3cret-token\n");
  auto server = StartServer(dir, {"--token-file", token_file.string()});
  ASSERT_NE(server, nullptr);
  auto client = server->Client();

  auto [status, error] = Outcome(client->Get("/v1/health"));
  EXPECT_EQ(status, 401) << error;
  std::tie(status, error) = Outcome(client->Get("/v1/health", {{"Authorization", "Bearer wrong"}}));
  EXPECT_EQ(status, 401) << error;
  std::tie(status, error) = Outcome(client->Get("/v1/health", {{"Authorization", "Bearer s3cret-token-longer"}}));
  EXPECT_EQ(status, 401) << error;
  auto res = client->Get("/v1/health", {{"Authorization", "Bearer s3cret-token"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;

  std::tie(status, error) = Outcome(client->Post("/v1/documents", DocumentJson("x", "some text").dump(), "application/json"));
  EXPECT_EQ(status, 401) << error;
}

TEST(ServeTokenTest, RefusesToBindBeyondLoopbackWithoutToken) {
  TempDir dir;
  CommandResult result = RunCli({"serve", "--index", (dir.path() / "index").string(), "--bind", "0.0.0.0:0"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--token-file"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace reprint::testing
