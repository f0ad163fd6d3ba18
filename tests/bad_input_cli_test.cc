// Bad input never crashes and is never dropped silently: each problem is
// named with its file (and line), good documents are still processed, the
// summary counts what was skipped and the exit status is non-zero.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.h"

namespace reprint {
namespace {

using testing::RunCli;
using testing::TempDir;

const char* kStory =
    "The harbour authority closed the northern port on Tuesday after a storm surge flooded the container "
    "terminal, officials said, adding that ships would be diverted to the southern anchorage until repairs were "
    "complete. The closure is expected to last at least a week and will delay shipments of grain and fuel.";

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("good/a.txt", kStory);
    dir_.Write("good/b.txt", std::string("Evening Herald\n\n") + kStory + "\n\nComments are closed.");
  }
  TempDir dir_;
};

TEST_F(BadInputTest, MalformedJsonLineIsNamedAndSkipped) {
  dir_.Write("feed.jsonl", std::string("{\"id\":\"x1\",\"text\":\"") + kStory + "\"}\n{\"id\": \"x2\", \"text\": \n" +
                               "{\"id\":\"x3\",\"text\":\"" + kStory + "\"}\n");
  testing::CommandResult r = RunCli({"dedup", dir_.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("feed.jsonl:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("\"x3\""), std::string::npos) << "the line after the bad one is still read";
}

TEST_F(BadInputTest, BinaryFileIsSkipped) {
  std::string binary(4096, '\0');
  for (size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>(i * 7);
  dir_.Write("image.dat", binary);
  testing::CommandResult r = RunCli({"dedup", dir_.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("image.dat"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("a.txt"), std::string::npos) << "good files are still clustered";
}

TEST_F(BadInputTest, InvalidUtf8IsRepairedNotFatal) {
  dir_.Write("c.txt", std::string(kStory) + " \xff\xfe broken \xc3 bytes");
  testing::CommandResult r = RunCli({"dedup", dir_.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("c.txt"), std::string::npos);
}

TEST_F(BadInputTest, EmptyDocumentIsReported) {
  dir_.Write("empty.txt", "   \n\n ");
  testing::CommandResult r = RunCli({"dedup", dir_.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("empty.txt"), std::string::npos) << r.err;
}

TEST_F(BadInputTest, UnreadableFileIsReported) {
  std::filesystem::create_symlink(dir_.path() / "does-not-exist.txt", dir_.path() / "dangling.txt");
  testing::CommandResult r = RunCli({"dedup", dir_.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("dangling.txt"), std::string::npos) << r.err;
}

TEST_F(BadInputTest, DeeplyNestedHtmlIsCleaned) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += std::string("<p>") + kStory + "</p>";
  dir_.Write("deep.html", html);
  testing::CommandResult r = RunCli({"dedup", dir_.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("deep.html"), std::string::npos) << "its text is a copy of a.txt";
}

TEST_F(BadInputTest, HundredMegabyteDocumentIsProcessed) {
  std::string big;
  big.reserve(size_t{101} << 20);
  for (int i = 0; big.size() < (size_t{100} << 20); ++i) big += "word" + std::to_string(i % 50000) + " ";
  dir_.Write("big.txt", big);
  testing::CommandResult r = RunCli({"dedup", "--threads", "2", dir_.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("read 3 documents"), std::string::npos) << r.err;
}

TEST_F(BadInputTest, StrictStopsAtFirstProblem) {
  dir_.Write("feed.jsonl", "not json\n");
  testing::CommandResult r = RunCli({"dedup", "--strict", dir_.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("strict"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(BadInputTest, MissingInputIsAnError) {
  testing::CommandResult r = RunCli({"dedup", (dir_.path() / "nope").string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("nope"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace reprint
