// Passage alignment through the CLI: `reprint compare` on the seeds and
// `reprint eval reuse` on the Clough-Stevenson corpus.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace reprint {
namespace {

using testing::RunCli;
using testing::SharedDir;

std::string Seed(const std::string& prefix) {
  for (const auto& e : std::filesystem::directory_iterator(SharedDir() / "seeds"))
    if (e.path().filename().string().rfind(prefix + "_", 0) == 0) return e.path().string();
  ADD_FAILURE() << "no seed " << prefix;
  return "";
}

nlohmann::json CompareJson(const std::string& a, const std::string& b) {
  testing::CommandResult r = RunCli({"compare", "--json", a, b});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

// The clean text `reprint clean` gives for one file: what offsets refer to.
std::string CleanText(const std::string& path) {
  testing::CommandResult r = RunCli({"clean", path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out)["text"].get<std::string>();
}

TEST(AlignCliTest, TrimmedReprintIsCoveredAndItsCutsAreListed) {
  const std::string a = Seed("000"), b = Seed("001");
  const nlohmann::json al = CompareJson(a, b)["alignment"];
  const std::string relation = al["relation"];
  EXPECT_TRUE(relation == "trimmed copy" || relation == "edited copy") << relation;
  EXPECT_GE(al["coverage_b"].get<double>(), 0.95);
  EXPECT_LT(al["coverage_a"].get<double>(), 0.8);
  std::string cut_text;
  for (const auto& g : al["gaps"])
    if (g["kind"] == "cut") cut_text += g["a_text"].get<std::string>() + "\n";
  for (const char* dropped : {"which plunged US-Russia relations to a post-Cold War low",
                              "The back-and-forth came even as US Secretary of State Rex Tillerson",
                              "Congressional inquiries into alleged Russian interference",
                              "US intelligence agencies, however, are among the most powerful voice",
                              "There is no agreement on a meeting nor a clear understanding yet"}) {
    EXPECT_NE(cut_text.find(dropped), std::string::npos) << dropped << "\nnot among the cuts:\n" << cut_text;
  }
  EXPECT_EQ(cut_text.find("Islamic State"), std::string::npos) << "kept text listed as cut";
}

TEST(AlignCliTest, OffsetsPointIntoTheCleanTexts) {
  const std::string a = Seed("000"), b = Seed("001");
  const std::string text_a = CleanText(a), text_b = CleanText(b);
  const nlohmann::json al = CompareJson(a, b)["alignment"];
  ASSERT_FALSE(al["spans"].empty());
  bool found_opening = false;
  for (const auto& s : al["spans"]) {
    const size_t a_begin = s["a_begin"], a_end = s["a_end"], b_begin = s["b_begin"], b_end = s["b_end"];
    ASSERT_LE(a_end, text_a.size());
    ASSERT_LE(b_end, text_b.size());
    const std::string pa = text_a.substr(a_begin, a_end - a_begin), pb = text_b.substr(b_begin, b_end - b_begin);
    if (pa.rfind("US President Donald Trump", 0) == 0) {
      found_opening = true;
      EXPECT_EQ(pb.rfind("US President Donald Trump", 0), 0u) << pb;
    }
  }
  EXPECT_TRUE(found_opening);
  for (const auto& g : al["gaps"]) {
    const size_t a_begin = g["a_begin"], a_end = g["a_end"], b_begin = g["b_begin"], b_end = g["b_end"];
    EXPECT_EQ(text_a.substr(a_begin, a_end - a_begin), g["a_text"].get<std::string>());
    EXPECT_EQ(text_b.substr(b_begin, b_end - b_begin), g["b_text"].get<std::string>());
  }
}

TEST(AlignCliTest, IndependentStoryIsNotACopy) {
  const nlohmann::json al = CompareJson(Seed("000"), Seed("004"))["alignment"];
  const std::string relation = al["relation"];
  EXPECT_TRUE(relation == "unrelated" || relation == "partial reuse") << relation;
  EXPECT_LT(al["coverage_a"].get<double>(), 0.25);
  EXPECT_LT(al["coverage_b"].get<double>(), 0.25);
}

TEST(AlignCliTest, SameFileIsAnExactCopy) {
  const nlohmann::json al = CompareJson(Seed("001"), Seed("001"))["alignment"];
  EXPECT_EQ(al["relation"], "exact copy");
  EXPECT_EQ(al["coverage_a"].get<double>(), 1.0);
  EXPECT_EQ(al["coverage_b"].get<double>(), 1.0);
  EXPECT_TRUE(al["gaps"].empty());
}

TEST(AlignCliTest, HumanOutputMarksRowsWithoutColoursWhenPiped) {
  testing::CommandResult r = RunCli({"compare", Seed("000"), Seed("001")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* expected : {"coverage     A 0.", "reuse        ", "\n[=] US President Donald Trump", "\n[-] ", "\n[+] ",
                               "\n[~] defence"})
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
  EXPECT_EQ(r.out.find("\033["), std::string::npos) << "no ANSI codes into a pipe";
}

// Coverage of rewritten answers by their Wikipedia source falls with the
// rewriting level. Two "cut" answers were pasted from parts of the articles
// that are not in the source excerpts, so min(cut) > max(non) does not hold
// on this corpus; the separation is asserted on the median and on the
// probability that a cut answer is covered more than a non answer.
TEST(AlignCliTest, CloughStevensonCoverageFallsWithRewriting) {
  testing::CommandResult r =
      RunCli({"eval", "reuse", "--json", "--dir", (SharedDir() / "data/reuse/clough-stevenson").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  const nlohmann::json& levels = j["levels"];
  EXPECT_TRUE(j["ordered"].get<bool>()) << r.out;
  size_t files = 0;
  for (const char* level : {"cut", "light", "heavy", "non"}) files += levels[level]["files"].get<size_t>();
  EXPECT_EQ(files, 95u);
  EXPECT_GT(levels["cut"]["mean"].get<double>(), levels["light"]["mean"].get<double>());
  EXPECT_GT(levels["light"]["mean"].get<double>(), levels["heavy"]["mean"].get<double>());
  EXPECT_GT(levels["heavy"]["mean"].get<double>(), levels["non"]["mean"].get<double>());
  EXPECT_GT(levels["cut"]["median"].get<double>(), levels["non"]["max"].get<double>());
  EXPECT_GE(j["cut_non_auc"].get<double>(), 0.9);
  EXPECT_LE(j["cut_not_above_non"].size(), 2u);
  EXPECT_LT(levels["non"]["mean"].get<double>(), 0.1);
  EXPECT_GT(levels["cut"]["median"].get<double>(), 0.9);
}

}  // namespace
}  // namespace reprint
