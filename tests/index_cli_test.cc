// `reprint index` end to end: add, query, stats, compact, check and delete
// through the CLI on one small corpus.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace reprint::testing {
namespace {

using nlohmann::json;

std::string Sentences(int seed, int count) {
  static const char* const kWords[] = {"council", "voted", "river", "bridge", "budget", "mayor", "school",
                                       "storm",   "court", "ruled", "market", "shares", "police", "report"};
  std::string out;
  unsigned state = static_cast<unsigned>(seed) * 2654435761u + 1;
  for (int i = 0; i < count * 12; ++i) {
    state = state * 1103515245u + 12345u;
    out += kWords[(state >> 16) % 14] + std::to_string((state >> 8) % 40);
    out += i % 12 == 11 ? ". " : " ";
  }
  return out;
}

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

TEST(IndexCliTest, AddQueryStatsCompactCheckAndDelete) {
  TempDir dir;
  const std::string story = Sentences(1, 30);
  const json docs[] = {{{"id", "full"}, {"text", story}},
                       {{"id", "trimmed"}, {"text", story.substr(0, story.size() / 2)}},
                       {{"id", "other"}, {"text", Sentences(2, 25)}}};
  std::string corpus;
  for (const json& d : docs) corpus += d.dump() + "\n";
  const std::string input = dir.Write("corpus.jsonl", corpus).string();
  const std::string index = (dir.path() / "index").string();

  const CommandResult add = RunCli({"index", "add", "--index", index, "--no-sync", "-q", input});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::vector<json> answers = JsonLines(add.out);
  ASSERT_EQ(answers.size(), 3u) << add.out;
  EXPECT_EQ(answers[1]["copy_of"], "full");

  const CommandResult stats = RunCli({"index", "stats", "--index", index});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const json counters = json::parse(stats.out);
  EXPECT_EQ(counters["documents"], 3);
  EXPECT_EQ(counters["clusters"], 1);
  EXPECT_EQ(counters["clustered_documents"], 2);
  EXPECT_GT(counters["disk_bytes"].get<uint64_t>(), 0u);
  EXPECT_TRUE(counters.contains("cache_bytes_used") && counters.contains("memtable_bytes")) << stats.out;

  const CommandResult compact = RunCli({"index", "compact", "--index", index});
  EXPECT_EQ(compact.exit_code, 0) << compact.err;
  EXPECT_NE(compact.err.find("compacted"), std::string::npos) << compact.err;
  const CommandResult check = RunCli({"index", "check", "--index", index});
  EXPECT_EQ(check.exit_code, 0) << check.err;

  const std::string query_input =
      dir.Write("query.jsonl", json{{"id", "q"}, {"text", story.substr(0, story.size() / 2 + 30)}}.dump() + "\n").string();
  const CommandResult query = RunCli({"index", "query", "--index", index, "-q", query_input});
  ASSERT_EQ(query.exit_code, 0) << query.err;
  const std::vector<json> queried = JsonLines(query.out);
  ASSERT_EQ(queried.size(), 1u);
  EXPECT_EQ(queried[0]["copy_of"], "full");
  EXPECT_EQ(queried[0]["stored"], false);

  EXPECT_EQ(RunCli({"index", "delete", "--index", index, "-q", "trimmed"}).exit_code, 0);
  EXPECT_EQ(RunCli({"index", "delete", "--index", index, "-q", "never-added"}).exit_code, 1);
  EXPECT_EQ(json::parse(RunCli({"index", "stats", "--index", index}).out)["clusters"], 0);
  EXPECT_EQ(RunCli({"index", "check", "--index", index}).exit_code, 0);
}

TEST(IndexCliTest, OnlyAddCreatesAnIndex) {
  TempDir dir;
  const std::string missing = (dir.path() / "mistyped").string();
  const std::string input = dir.Write("one.jsonl", json{{"id", "a"}, {"text", Sentences(3, 10)}}.dump() + "\n").string();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"index", "stats", "--index", missing},
        {"index", "check", "--index", missing},
        {"index", "compact", "--index", missing},
        {"index", "delete", "--index", missing, "a"},
        {"index", "query", "--index", missing, input}}) {
    const CommandResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, 2) << args[1];
    EXPECT_NE(r.err.find("no index in"), std::string::npos) << args[1] << ": " << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(missing));
  EXPECT_EQ(RunCli({"index", "add", "--index", missing, "-q", input}).exit_code, 0);
  EXPECT_EQ(json::parse(RunCli({"index", "stats", "--index", missing}).out)["documents"], 1);
}

}  // namespace
}  // namespace reprint::testing
