// Regression floors for article extraction on the two dev sets, through the
// CLI (`reprint eval extract --json`). Floors are the figures measured when
// the extractor landed (bench/RESULTS.md) minus a small margin; the issue's
// targets are F1 >= 0.96 (Readability pages), >= 0.95 (newspaper4k), title
// exact-match >= 0.9 and date >= 0.8, which the title and date floors are.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace reprint {
namespace {

nlohmann::json Eval(const std::string& set, const std::string& method = "extractor") {
  const auto dir = testing::SharedDir() / "data" / "extraction" / set;
  const testing::CommandResult r =
      testing::RunCli({"eval", "extract", "--gold", dir.string(), "--method", method, "--json", "--resamples", "200"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(ExtractEval, ReadabilityPagesAboveFloor) {
  const nlohmann::json j = Eval("readability-test-pages");
  EXPECT_GE(j["pages"].get<int>(), 100);
  EXPECT_GE(j["f1"].get<double>(), 0.97);  // measured 0.9787; target 0.96
  EXPECT_GE(j["title_exact"].get<double>(), 0.9);  // measured 0.9449; target 0.9
  EXPECT_GE(j["date_correct"].get<double>(), 0.8);  // measured 1.0; target 0.8
}

TEST(ExtractEval, NewspaperFixturesAboveFloor) {
  const nlohmann::json j = Eval("newspaper4k");
  EXPECT_GE(j["pages"].get<int>(), 20);
  EXPECT_GE(j["f1"].get<double>(), 0.965);  // measured 0.9756; target 0.95
}

TEST(ExtractEval, ExtractorBeatsCleanStageBaseline) {
  const double extractor = Eval("newspaper4k")["f1"].get<double>();
  const double cleaner = Eval("newspaper4k", "cleaner")["f1"].get<double>();
  EXPECT_GT(extractor, cleaner + 0.05);
}

TEST(ExtractEval, PerPageScoresAreReported) {
  const nlohmann::json j = Eval("newspaper4k");
  ASSERT_TRUE(j.contains("per_page"));
  EXPECT_EQ(j["per_page"].size(), j["pages"].get<size_t>());
  for (const auto& p : j["per_page"]) EXPECT_LE(p["f1"].get<double>(), 1.0);
}

TEST(ExtractCli, SeedFourIsCleanProse) {
  const auto seeds = testing::SharedDir() / "seeds";
  for (const auto& e : std::filesystem::directory_iterator(seeds)) {
    if (e.path().filename().string().rfind("004", 0) != 0) continue;
    const testing::CommandResult r = testing::RunCli({"extract", "-q", e.path().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    const std::string text = j["text"];
    EXPECT_GT(text.size(), 1000u);
    EXPECT_EQ(text.find("&comma;"), std::string::npos);
    EXPECT_EQ(text.find("&#"), std::string::npos);
    EXPECT_EQ(text.find("<script"), std::string::npos);
    EXPECT_EQ(text.find("function("), std::string::npos);
    EXPECT_TRUE(j["paragraphs"].is_array());
  }
}

TEST(ExtractCli, OutputDoesNotDependOnThreads) {
  const auto html = testing::SharedDir() / "data" / "extraction" / "newspaper4k" / "html";
  const testing::CommandResult one = testing::RunCli({"extract", "-q", "--threads", "1", html.string()});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const testing::CommandResult three = testing::RunCli({"extract", "-q", "--threads", "3", html.string()});
  ASSERT_EQ(three.exit_code, 0) << three.err;
  EXPECT_EQ(one.out, three.out);
  EXPECT_EQ(static_cast<size_t>(std::count(one.out.begin(), one.out.end(), '\n')), 30u);
}

TEST(ExtractCli, BinaryInputIsSkippedAndReported) {
  testing::TempDir dir;
  std::string binary(4096, '\0');
  for (size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i * 7);
  dir.Write("image.dat", binary);
  dir.Write("page.html", "<html><head><title>T</title></head><body><p>Only a short paragraph here.</p></body></html>");
  const testing::CommandResult r = testing::RunCli({"extract", dir.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("image.dat"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("page.html"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace reprint
