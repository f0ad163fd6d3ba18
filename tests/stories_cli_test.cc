// `reprint stories` and `reprint eval clusters` end to end: the seeds are one
// story; WikiRef220 (news articles grouped by topic, the topic in the file
// name) is clustered with B-cubed F1 >= 0.90 against a gold file made from
// the file names; two different events of one kind stay apart.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "test_util.h"

namespace reprint {
namespace {

namespace fs = std::filesystem;
using testing::RunCli;
using testing::SharedDir;

std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::stringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

fs::path WikiRef() { return SharedDir() / "data/stories/wikiref220"; }

// "malaysia.airlines.flight.10.txt" -> "malaysia.airlines.flight",
// "ParisAttacks2015 (3).txt" -> "ParisAttacks2015".
std::string TopicOf(const fs::path& file) {
  static const std::regex suffix(R"(( \(\d+\)|\.\d+)?\.txt$)");
  return std::regex_replace(file.filename().string(), suffix, "");
}

// The WikiRef220 articles whose topic matches `topics` (all when empty).
std::vector<fs::path> Articles(const std::set<std::string>& topics = {}) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(WikiRef())) {
    if (e.path().filename() == "README.txt") continue;
    if (topics.empty() || topics.count(TopicOf(e.path()))) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> StoriesArgs(const std::vector<fs::path>& files) {
  std::vector<std::string> args = {"stories", "-q"};
  for (const fs::path& f : files) args.push_back(f.string());
  return args;
}

TEST(StoriesCliTest, SeedsAreOneStory) {
  testing::CommandResult r = RunCli({"stories", "-q", (SharedDir() / "seeds").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> stories = JsonLines(r.out);
  ASSERT_EQ(stories.size(), 1u) << r.out;
  EXPECT_EQ(stories[0]["story"], 0);
  EXPECT_EQ(stories[0]["size"], 3);
  EXPECT_EQ(stories[0]["members"].size(), 3u);
  EXPECT_FALSE(stories[0]["label"].empty());
}

TEST(StoriesCliTest, WikiRef220ReachesBCubedF1OfNinetyPercent) {
  const std::vector<fs::path> files = Articles();
  ASSERT_EQ(files.size(), 220u);
  testing::TempDir dir;
  {
    std::ofstream gold(dir.path() / "gold.tsv");
    for (const fs::path& f : files) gold << f.string() << '\t' << TopicOf(f) << '\n';
  }
  std::vector<std::string> args = StoriesArgs(files);
  args.push_back("-o");
  args.push_back((dir.path() / "pred.jsonl").string());
  testing::CommandResult stories = RunCli(args);
  ASSERT_EQ(stories.exit_code, 0) << stories.err;

  testing::CommandResult eval = RunCli({"eval", "clusters", "--json", "--gold", (dir.path() / "gold.tsv").string(),
                                        "--pred", (dir.path() / "pred.jsonl").string()});
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  nlohmann::json m = nlohmann::json::parse(eval.out);
  EXPECT_EQ(m["items"], 220);
  EXPECT_GE(m["bcubed"]["f1"].get<double>(), 0.90) << eval.out;
  EXPECT_GE(m["bcubed"]["precision"].get<double>(), 0.85) << eval.out;
  EXPECT_GE(m["ari"].get<double>(), 0.85) << eval.out;
}

// Two financial and political crises of two euro countries, a year apart:
// the same kind of news (banks, bailouts, the EU, elections), different events.
TEST(StoriesCliTest, DifferentEventsOfOneKindStayApart) {
  const std::vector<fs::path> files = Articles({"cypriot.financial.crisis", "greek.elections"});
  ASSERT_EQ(files.size(), 10u);
  testing::CommandResult r = RunCli(StoriesArgs(files));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t joined = 0;
  for (const nlohmann::json& story : JsonLines(r.out)) {
    std::set<std::string> topics;
    for (const auto& id : story["members"]) topics.insert(TopicOf(id.get<std::string>()));
    EXPECT_EQ(topics.size(), 1u) << story.dump();
    joined += story["members"].size() > 1 ? story["members"].size() : 0;
  }
  EXPECT_GE(joined, 8u) << "most articles of each event are in one story: " << r.out;
}

TEST(StoriesCliTest, OutputDoesNotDependOnThreads) {
  const std::vector<fs::path> files = Articles({"malaysia.airlines.flight", "tohoku.earthquake.tsunami", "U2"});
  std::vector<std::string> one = StoriesArgs(files), four = one;
  one.push_back("--threads=1");
  four.push_back("--threads=4");
  testing::CommandResult a = RunCli(one), b = RunCli(four);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_GT(JsonLines(a.out).size(), 1u);
}

// gold (TSV): {a b} {c}; d is missing, so a singleton.
// pred (JSON Lines, dedup-style member objects and plain strings): {a b c} {d}.
// Pairwise: predicted ab ac bc, gold ab: P = 1/3, R = 1.
// B-cubed P: a 2/3, b 2/3, c 1/3, d 1 -> 2/3; R = 1; F1 = 2 * (2/3) / (5/3) = 0.8.
TEST(StoriesCliTest, EvalClustersReadsTsvAndJsonLines) {
  testing::TempDir dir;
  const fs::path gold = dir.Write("gold.tsv", "a\tx\nb\tx\nc\ty\n");
  const fs::path pred = dir.Write("pred.jsonl",
                                  "{\"cluster\":0,\"members\":[{\"id\":\"a\",\"relation\":\"canonical\"},{\"id\":\"b\"},"
                                  "{\"id\":\"c\"}]}\n{\"story\":1,\"members\":[\"d\"]}\n");
  testing::CommandResult r =
      RunCli({"eval", "clusters", "--json", "--gold", gold.string(), "--pred", pred.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json m = nlohmann::json::parse(r.out);
  EXPECT_EQ(m["items"], 4);
  EXPECT_NEAR(m["pairwise"]["precision"].get<double>(), 1.0 / 3, 1e-9);
  EXPECT_NEAR(m["pairwise"]["recall"].get<double>(), 1.0, 1e-9);
  EXPECT_NEAR(m["bcubed"]["precision"].get<double>(), 2.0 / 3, 1e-9);
  EXPECT_NEAR(m["bcubed"]["f1"].get<double>(), 0.8, 1e-9);

  testing::CommandResult text = RunCli({"eval", "clusters", "--gold", gold.string(), "--pred", pred.string()});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("b-cubed"), std::string::npos);
  EXPECT_NE(text.out.find("ARI"), std::string::npos);
}

TEST(StoriesCliTest, EvalClustersRejectsMalformedFiles) {
  testing::TempDir dir;
  const fs::path good = dir.Write("good.tsv", "a\tx\n");
  const fs::path bad = dir.Write("bad.jsonl", "{\"members\": 3}\n");
  testing::CommandResult r = RunCli({"eval", "clusters", "--gold", good.string(), "--pred", bad.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.jsonl:1"), std::string::npos) << r.err;
  testing::CommandResult missing =
      RunCli({"eval", "clusters", "--gold", good.string(), "--pred", (dir.path() / "none").string()});
  EXPECT_EQ(missing.exit_code, 2);
}

}  // namespace
}  // namespace reprint
