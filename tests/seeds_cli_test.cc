// The founding case: one Reuters story as three sites published it.
// {000, 001} is one copy cluster with 000 canonical; 004 (written
// independently) is not a copy of either.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace reprint {
namespace {

using testing::RunCli;
using testing::SharedDir;

std::string Stem(const std::string& id) {
  const size_t slash = id.find_last_of('/');
  return id.substr(slash == std::string::npos ? 0 : slash + 1, 3);
}

TEST(SeedsCliTest, TrimmedReprintClustersWithFullWireCopy) {
  testing::CommandResult r = RunCli({"dedup", (SharedDir() / "seeds").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<nlohmann::json> clusters;
  std::stringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) clusters.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(clusters.size(), 1u) << r.out;
  const nlohmann::json& c = clusters[0];
  EXPECT_EQ(Stem(c["canonical"]), "000");
  ASSERT_EQ(c["members"].size(), 2u);
  EXPECT_EQ(Stem(c["members"][0]["id"]), "000");
  EXPECT_EQ(c["members"][0]["relation"], "canonical");
  EXPECT_EQ(Stem(c["members"][1]["id"]), "001");
  EXPECT_EQ(c["members"][1]["relation"], "contained");
  EXPECT_GE(c["members"][1]["containment"].get<double>(), 0.8);
  EXPECT_EQ(r.out.find("004_"), std::string::npos) << "004 is not a copy";
}

TEST(SeedsCliTest, AlignAddsEachMembersAlignmentAgainstTheCanonical) {
  testing::CommandResult r = RunCli({"dedup", "--align", (SharedDir() / "seeds").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json c = nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
  ASSERT_EQ(c["members"].size(), 2u);
  EXPECT_FALSE(c["members"][0].contains("alignment")) << "the canonical member is not aligned with itself";
  const nlohmann::json& a = c["members"][1]["alignment"];
  EXPECT_EQ(a["relation"], "trimmed copy");
  EXPECT_GE(a["coverage_b"].get<double>(), 0.95);
  bool cut = false;
  for (const auto& gap : a["gaps"]) cut = cut || gap["kind"] == "cut";
  EXPECT_TRUE(cut) << "000's dropped paragraphs are listed as cut";
}

TEST(SeedsCliTest, KeepCanonicalWritesTheDeduplicatedCorpus) {
  testing::CommandResult r = RunCli({"dedup", "--keep", "canonical", (SharedDir() / "seeds").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> ids;
  std::stringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    nlohmann::json doc = nlohmann::json::parse(line);
    ids.push_back(Stem(doc["id"]));
    EXPECT_FALSE(doc["text"].get<std::string>().empty());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"000", "004"})) << "001 is a copy of 000 and is dropped";
}

TEST(SeedsCliTest, PairsFileListsTheVerifiedPair) {
  testing::TempDir dir;
  const std::string pairs = (dir.path() / "pairs.jsonl").string();
  testing::CommandResult r = RunCli({"dedup", "--pairs", pairs, (SharedDir() / "seeds").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json pair = nlohmann::json::parse(testing::ReadFile(pairs));
  EXPECT_EQ(Stem(pair["a"]), "000");
  EXPECT_EQ(Stem(pair["b"]), "001");
  EXPECT_EQ(pair["relation"], "contained");
}

TEST(SeedsCliTest, CompareReportsTrimmedCopy) {
  testing::CommandResult r = RunCli({"compare", "--json", (SharedDir() / "seeds/000_a8164169bb56fdff.txt").string(),
                                     (SharedDir() / "seeds/001_d38a565256c857ce.txt").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["relation"], "contained");
  EXPECT_EQ(j["contained"], "b");
  r = RunCli({"compare", "--json", (SharedDir() / "seeds/000_a8164169bb56fdff.txt").string(),
              (SharedDir() / "seeds/004_740f203c89beb422.txt").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["relation"], "unrelated");
  EXPECT_LT(j["containment"].get<double>(), 0.2);
}

TEST(SeedsCliTest, CleanDecodesMangledEntitiesOfSeed004) {
  testing::CommandResult r = RunCli({"clean", (SharedDir() / "seeds/004_740f203c89beb422.txt").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  const std::string text = j["text"];
  EXPECT_NE(text.find("The US is not ready to collaborate militarily with Russia, defence secretary Jim Mattis said"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("&comma;"), std::string::npos);
  EXPECT_EQ(text.find("&#8217;"), std::string::npos);
  EXPECT_EQ(text.find("getAdSnippetCallback"), std::string::npos);
}

}  // namespace
}  // namespace reprint
