// `reprint serve` end to end: a real server process on a free loopback port
// and a real HTTP client; the answers about copies, clusters and stories.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "serve_test_util.h"
#include "test_util.h"

namespace reprint::testing {
namespace {

using nlohmann::json;

class ServeApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    server_ = ServeProcess::Start((dir_.path() / "index").string(), {}, &error);
    ASSERT_NE(server_, nullptr) << error;
    client_ = server_->Client();
    texts_ = NewsTexts(3);
    ASSERT_EQ(texts_.size(), 3u);
  }

  // POSTs `body` and returns the answers, asserting 200.
  json Post(const json& body, const std::string& query = "") {
    auto res = client_->Post(("/v1/documents" + query).c_str(), body.dump(), "application/json");
    EXPECT_TRUE(res);
    if (!res) return json::array();
    EXPECT_EQ(res->status, 200) << res->body;
    return ParseBody(res)["documents"];
  }
  json PostOne(const std::string& id, const std::string& text, const std::string& query = "") {
    json answers = Post(DocumentJson(id, text), query);
    EXPECT_EQ(answers.size(), 1u);
    return answers.empty() ? json() : answers[0];
  }
  json Get(const std::string& path, int expected_status = 200) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, expected_status) << path << ": " << res->body;
    return ParseBody(res);
  }

  TempDir dir_;
  std::unique_ptr<ServeProcess> server_;
  std::unique_ptr<httplib::Client> client_;
  std::vector<std::string> texts_;
};

TEST_F(ServeApiTest, CopiesClustersStoriesAndDeletion) {
  EXPECT_EQ(Get("/v1/health")["documents"], 0);

  json first = PostOne("a1", texts_[0]);
  EXPECT_TRUE(first["stored"]);
  EXPECT_TRUE(first["copy_of"].is_null());

  json exact = PostOne("a2", texts_[0]);
  EXPECT_EQ(exact["copy_of"], "a1");
  EXPECT_EQ(exact["relation"], "exact");
  EXPECT_EQ(exact["cluster"]["size"], 2);

  json trimmed = PostOne("a3", TrimmedCopy(texts_[0], 0.6));
  EXPECT_EQ(trimmed["copy_of"], "a1");
  EXPECT_EQ(trimmed["relation"], "contained");
  EXPECT_GE(trimmed["scores"]["containment"].get<double>(), 0.9);
  EXPECT_EQ(trimmed["cluster"]["size"], 3);
  EXPECT_EQ(trimmed["cluster"]["id"], exact["cluster"]["id"]);

  json unrelated = PostOne("b", texts_[1]);
  EXPECT_TRUE(unrelated["copy_of"].is_null());
  EXPECT_TRUE(unrelated["cluster"].is_null());

  // A dry run answers without storing.
  json query = PostOne("q", texts_[0], "?dry_run=1");
  EXPECT_FALSE(query["stored"]);
  EXPECT_EQ(query["copy_of"], "a1");
  Get("/v1/documents/q", 404);
  EXPECT_EQ(Get("/v1/health")["documents"], 4);

  json doc = Get("/v1/documents/a2");
  EXPECT_EQ(doc["id"], "a2");
  EXPECT_EQ(doc["cluster"], exact["cluster"]["id"]);
  EXPECT_FALSE(doc.contains("text"));
  EXPECT_FALSE(Get("/v1/documents/a1?text=1")["text"].get<std::string>().empty());

  json cluster = Get("/v1/clusters/" + std::to_string(exact["cluster"]["id"].get<uint64_t>()));
  EXPECT_EQ(cluster["canonical"], "a1");
  ASSERT_EQ(cluster["members"].size(), 3u);
  EXPECT_EQ(cluster["members"][0]["id"], "a1");
  EXPECT_EQ(cluster["members"][0]["relation"], "canonical");

  ASSERT_FALSE(doc["story"].is_null());
  json story = Get("/v1/stories/" + std::to_string(doc["story"].get<uint64_t>()) + "?limit=10");
  EXPECT_GE(story["size"].get<int>(), 1);
  EXPECT_NE(std::find(story["members"].begin(), story["members"].end(), "a2"), story["members"].end());
  Get("/v1/clusters/999999", 404);

  auto deleted = client_->Delete("/v1/documents/a3");
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 200);
  Get("/v1/documents/a3", 404);
  auto again = client_->Delete("/v1/documents/a3");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 404);
  EXPECT_EQ(Get("/v1/health")["documents"], 3);
}

TEST_F(ServeApiTest, BatchesAsArrayAndAsJsonLines) {
  json array = Post(json::array({DocumentJson("c1", texts_[2]), DocumentJson("c2", texts_[2])}));
  ASSERT_EQ(array.size(), 2u);
  EXPECT_TRUE(array[0]["copy_of"].is_null());
  EXPECT_EQ(array[1]["copy_of"], "c1");  // each document sees the ones before it

  const std::string lines =
      DocumentJson("d1", texts_[1]).dump() + "\n" + DocumentJson("d2", TrimmedCopy(texts_[1], 0.7)).dump() + "\n";
  auto res = client_->Post("/v1/documents", lines, "application/x-ndjson");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json answers = ParseBody(res)["documents"];
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[1]["copy_of"], "d1");

  // JSON Lines without its Content-Type is recognised by content.
  const std::string more = DocumentJson("e1", texts_[0]).dump() + "\n" + DocumentJson("e2", texts_[0]).dump();
  res = client_->Post("/v1/documents", more, "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(ParseBody(res)["documents"].size(), 2u);
  EXPECT_EQ(Get("/v1/health")["documents"], 6);
}

TEST_F(ServeApiTest, MetricsCountRequestsAndIndex) {
  PostOne("m1", texts_[0]);
  Get("/v1/documents/m1");
  Get("/v1/documents/none", 404);
  // A request is counted once its response is written, on the server thread
  // that served it, so a scrape right after may not see it yet: scrape until
  // the requests above are counted, or give up after 5 s.
  std::string text;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto res = client_->Get("/metrics");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    text = res->body;
    const bool all_counted =
        text.find("reprint_http_requests_total{endpoint=\"post_documents\",status=\"200\"} 1") != std::string::npos &&
        text.find("reprint_http_requests_total{endpoint=\"get_document\",status=\"404\"} 1") != std::string::npos;
    if (all_counted) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(text.find("reprint_http_requests_total{endpoint=\"post_documents\",status=\"200\"} 1"), std::string::npos)
      << text;
  EXPECT_NE(text.find("reprint_http_requests_total{endpoint=\"get_document\",status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(text.find("reprint_http_request_duration_seconds_bucket{endpoint=\"post_documents\",le=\"+Inf\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("reprint_index_documents 1"), std::string::npos);
  EXPECT_NE(text.find("reprint_index_commits_total"), std::string::npos);
  EXPECT_NE(text.find("reprint_index_disk_bytes"), std::string::npos);
}

TEST_F(ServeApiTest, ShutsDownOnSigtermWithStatusZero) {
  PostOne("s1", texts_[0]);
  EXPECT_EQ(server_->Stop(SIGTERM), 0) << server_->StderrText();
  EXPECT_NE(server_->StderrText().find("stopped"), std::string::npos);
}

TEST_F(ServeApiTest, RetentionDropsOldDocumentsAtStart) {
  json old_doc = DocumentJson("old", texts_[0]);
  old_doc["date"] = "2001-09-11";
  json fresh = DocumentJson("fresh", texts_[1]);
  ASSERT_EQ(Post(json::array({old_doc, fresh})).size(), 2u);
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  std::string error;
  server_ = ServeProcess::Start((dir_.path() / "index").string(), {"--retention-days", "365"}, &error);
  ASSERT_NE(server_, nullptr) << error;
  client_ = server_->Client();
  // The first expiry runs in the background as the server starts.
  for (int i = 0; i < 200 && Get("/v1/health")["documents"] != 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(Get("/v1/health")["documents"], 1);
  Get("/v1/documents/old", 404);
  Get("/v1/documents/fresh");
}

// The metric's value, or -1 when /metrics does not have it.
double MetricValue(const std::string& metrics, const std::string& name) {
  const size_t at = metrics.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stod(metrics.substr(at + name.size() + 2));
}

TEST_F(ServeApiTest, CompactsOnceIdleAfterWritesAndAnswersTheSame) {
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  std::string error;
  server_ = ServeProcess::Start((dir_.path() / "index").string(), {"--compact-idle", "0.3"}, &error);
  ASSERT_NE(server_, nullptr) << error;
  client_ = server_->Client();
  const auto compactions = [this] { return MetricValue(client_->Get("/metrics")->body, "reprint_index_compactions_total"); };
  const auto wait_for_compactions = [&](double n) {
    // Generous: after a compaction the next waits 20 times as long (the
    // duty limit), and compactions are slow under the sanitizers.
    for (int i = 0; i < 1500 && compactions() < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return compactions();
  };
  EXPECT_EQ(compactions(), 0);  // no writes yet: nothing to compact
  PostOne("source", texts_[0]);
  const json copy = PostOne("copy", TrimmedCopy(texts_[0], 0.6));
  ASSERT_EQ(copy["copy_of"], "source");
  EXPECT_EQ(wait_for_compactions(1), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  EXPECT_EQ(compactions(), 1);  // idle since: nothing new to compact
  const json again = PostOne("query", TrimmedCopy(texts_[0], 0.6), "?dry_run=1");
  EXPECT_EQ(again["copy_of"], "source");
  EXPECT_EQ(again["cluster"]["id"], copy["cluster"]["id"]);
  ASSERT_EQ(client_->Delete("/v1/documents/copy")->status, 200);  // a deletion is a write too
  EXPECT_EQ(wait_for_compactions(2), 2);
  Get("/v1/documents/copy", 404);
}

}  // namespace
}  // namespace reprint::testing
