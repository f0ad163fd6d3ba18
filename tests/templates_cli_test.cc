// Cross-document template detection through the CLI (`--templates`): lines
// that recur across different articles of one source are removed by
// extract, clean and dedup; other sources, copies of one article and
// stdin input keep their text; the output does not depend on --threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reprint/corpus.h"
#include "test_util.h"

namespace reprint {
namespace {

// Prose, not chrome: the per-document trimming keeps these, only their
// recurrence across the site's articles gives them away.
const char* const kHeader =
    "Editor's note: this article is part of our series on life along the coast, published every weekday "
    "morning by the Harbour Gazette.";
const char* const kFooter =
    "The Harbour Gazette has reported on the coast since 1901, and our reporters live in the towns they cover. "
    "Independent local journalism depends on readers like you, so please consider supporting us this year.";
const char* const kWireStory =
    "Ministers from the three coastal states agreed on Friday to share the cost of a new radar network that "
    "will watch shipping lanes along the strait.";
const char* const kWireLine =
    "Correspondents of the agency contributed reporting from the port, where the ministers met on Friday.";

const char* const kStories[] = {
    "The ferry company announced a new timetable on Monday, adding two late sailings to the island during the "
    "summer season after complaints from residents.",
    "Fishermen protested outside the town hall against quotas that they say will force half of the fleet to "
    "stay in port for the rest of the year.",
    "A storm damaged the old lighthouse overnight; engineers will inspect the tower and the keeper's cottage "
    "before visitors are allowed back on the pier.",
    "The marina's owners asked the council for permission to build forty new berths and a fuel station at the "
    "northern end of the harbour basin.",
};

std::string Line(const std::string& id, const std::string& url, const std::string& text) {
  return nlohmann::json{{"id", id}, {"url", url}, {"text", text}}.dump() + "\n";
}

// Four different articles of harbour-gazette.example inside the site's
// header and footer; one article of another site that quotes the header; and
// one story its own site republished four times.
std::string Corpus() {
  std::string corpus;
  for (int i = 0; i < 4; ++i) {
    corpus += Line("gazette-" + std::to_string(i), "https://www.harbour-gazette.example/news/" + std::to_string(i),
                   std::string(kHeader) + "\n\n" + kStories[i] + "\n\n" + kFooter);
  }
  corpus += Line("other-0", "https://other.example/a", std::string(kHeader) + "\n\n" + kStories[0]);
  for (int i = 0; i < 4; ++i) {
    corpus += Line("wire-" + std::to_string(i), "https://wire.example/story?v=" + std::to_string(i),
                   std::string(kWireStory) + "\n\n" + kWireLine);
  }
  return corpus;
}

std::vector<nlohmann::json> Lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  size_t begin = 0;
  while (begin < out.size()) {
    const size_t end = out.find('\n', begin);
    lines.push_back(nlohmann::json::parse(out.substr(begin, end - begin)));
    begin = end == std::string::npos ? out.size() : end + 1;
  }
  return lines;
}

class TemplatesCliTest : public ::testing::Test {
 protected:
  void SetUp() override { corpus_ = dir_.Write("corpus.jsonl", Corpus()).string(); }
  testing::TempDir dir_;
  std::string corpus_;
};

TEST_F(TemplatesCliTest, ExtractRemovesTheSourcesTemplateOnly) {
  const testing::CommandResult r = testing::RunCli({"extract", corpus_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("removed 8 template paragraphs"), std::string::npos) << r.err;
  const std::vector<nlohmann::json> docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 9u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(docs[i]["text"], kStories[i]) << docs[i].dump();
  EXPECT_NE(docs[4]["text"].get<std::string>().find(kHeader), std::string::npos);  // another site
  for (int i = 5; i < 9; ++i) {  // copies of one story keep all of it
    EXPECT_NE(docs[i]["text"].get<std::string>().find(kWireLine), std::string::npos) << docs[i].dump();
  }
}

TEST_F(TemplatesCliTest, OffKeepsTheTemplate) {
  const testing::CommandResult r = testing::RunCli({"extract", "-q", "--templates", "0", corpus_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<nlohmann::json> docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 9u);
  EXPECT_NE(docs[0]["text"].get<std::string>().find(kFooter), std::string::npos);
  EXPECT_NE(testing::RunCli({"extract", "--templates", "1", corpus_}).exit_code, 0);
}

TEST_F(TemplatesCliTest, CleanRemovesItTooAndThreadsDoNotMatter) {
  const testing::CommandResult one = testing::RunCli({"clean", "-q", "--threads", "1", corpus_});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const testing::CommandResult three = testing::RunCli({"clean", "-q", "--threads", "3", corpus_});
  EXPECT_EQ(one.out, three.out);
  const std::vector<nlohmann::json> docs = Lines(one.out);
  ASSERT_EQ(docs.size(), 9u);
  EXPECT_EQ(docs[3]["text"], kStories[3]);
}

// The largest number of gazette articles in one copy cluster of `out`.
size_t GazetteArticlesPerCluster(const std::string& out) {
  size_t most = 0;
  for (const nlohmann::json& cluster : Lines(out)) {
    size_t gazette = 0;
    for (const nlohmann::json& m : cluster["members"]) gazette += m["id"].get<std::string>().rfind("gazette-", 0) == 0;
    most = std::max(most, gazette);
  }
  return most;
}

TEST_F(TemplatesCliTest, DedupNoLongerJoinsArticlesThatShareOnlyTheTemplate) {
  // At containment 0.6 the header and footer alone make the gazette's
  // articles look like trimmed copies of each other.
  const testing::CommandResult with = testing::RunCli({"dedup", "-q", "--containment", "0.6", corpus_});
  ASSERT_EQ(with.exit_code, 0) << with.err;
  EXPECT_EQ(GazetteArticlesPerCluster(with.out), 4u) << with.out;
  const testing::CommandResult without =
      testing::RunCli({"dedup", "-q", "--containment", "0.6", "--templates", "3", corpus_});
  ASSERT_EQ(without.exit_code, 0) << without.err;
  EXPECT_LE(GazetteArticlesPerCluster(without.out), 1u) << without.out;
  EXPECT_NE(without.out.find("wire-3"), std::string::npos) << without.out;  // real copies stay clustered
}

TEST(TemplatesCli, SavedPagesAreGroupedByTheirCanonicalUrl) {
  // Pages saved as files carry no URL field: their <link rel=canonical>
  // names the site.
  testing::TempDir dir;
  for (int i = 0; i < 4; ++i) {
    dir.Write("page" + std::to_string(i) + ".html",
              std::string("<html><head><title>Harbour story ") + std::to_string(i) +
                  "</title><link rel=\"canonical\" href=\"https://www.harbour-gazette.example/news/" +
                  std::to_string(i) + "\"></head><body><article><p>" + kHeader + "</p><p>" + kStories[i] + " " +
                  kStories[(i + 1) % 4] + "</p><p>" + kFooter + "</p></article></body></html>");
  }
  const testing::CommandResult r = testing::RunCli({"extract", dir.path().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("removed 8 template paragraphs"), std::string::npos) << r.err;
  const std::vector<nlohmann::json> docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(docs[i]["text"], std::string(kStories[i]) + " " + kStories[(i + 1) % 4]) << docs[i].dump();
  }
}

TEST(LearnTemplates, RefusesStdinWhichCannotBeReadTwice) {
  const Result<SourceTemplates> learnt = LearnTemplates({"-"}, CorpusOptions(), TemplateOptions());
  ASSERT_FALSE(learnt.ok());
  EXPECT_EQ(learnt.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace reprint
