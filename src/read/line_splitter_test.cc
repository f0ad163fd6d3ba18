#include "read/line_splitter.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace reprint::read {
namespace {

struct Split {
  std::vector<std::string> lines;  // "!<size>" for a too-long line
  std::vector<uint64_t> numbers;
};

Split SplitAll(const std::string& data, uint64_t max_line, size_t chunk) {
  auto source = NewMemorySource(data);
  LineSplitter splitter(source.get(), max_line, chunk);
  Split out;
  for (;;) {
    LineSplitter::Line line = splitter.Next();
    if (line.kind == LineSplitter::Kind::kEnd) break;
    EXPECT_NE(line.kind, LineSplitter::Kind::kError);
    if (line.kind == LineSplitter::Kind::kTooLong) {
      out.lines.push_back("!" + std::to_string(line.size));
    } else {
      // The padding after a line must be readable (ASan checks this).
      volatile char last_pad = line.data[line.size + kLinePadding - 1];
      (void)last_pad;
      out.lines.emplace_back(line.data, line.size);
    }
    out.numbers.push_back(line.number);
  }
  return out;
}

// The obvious reference: split on '\n', drop one trailing '\r', no final empty line;
// a line longer than max_line (counting its '\r') becomes "!<size>".
Split Reference(const std::string& data, uint64_t max_line) {
  Split out;
  size_t start = 0;
  uint64_t n = 0;
  while (start < data.size()) {
    size_t nl = data.find('\n', start);
    size_t stop = nl == std::string::npos ? data.size() : nl;
    std::string line = data.substr(start, stop - start);
    if (line.size() > max_line) {
      line = "!" + std::to_string(line.size());
    } else if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    out.lines.push_back(line);
    out.numbers.push_back(++n);
    start = stop + 1;
  }
  return out;
}

TEST(ReadLineSplitterTest, SplitsLinesAndStripsCarriageReturns) {
  Split s = SplitAll("a\r\nbb\n\nccc", 100, 64);
  EXPECT_EQ(s.lines, (std::vector<std::string>{"a", "bb", "", "ccc"}));
  EXPECT_EQ(s.numbers, (std::vector<uint64_t>{1, 2, 3, 4}));
}

TEST(ReadLineSplitterTest, EmptyInputHasNoLines) { EXPECT_TRUE(SplitAll("", 10, 64).lines.empty()); }

TEST(ReadLineSplitterTest, TooLongLineIsSkippedAndNextLineRead) {
  std::string data = std::string(1000, 'x') + "\nshort\n" + std::string(11, 'y');
  Split s = SplitAll(data, 10, 64);
  EXPECT_EQ(s.lines, (std::vector<std::string>{"!1000", "short", "!11"}));
  EXPECT_EQ(s.numbers, (std::vector<uint64_t>{1, 2, 3}));
}

TEST(ReadLineSplitterTest, LineOfExactlyTheLimitIsKept) {
  Split s = SplitAll(std::string(100, 'x') + "\n" + std::string(101, 'y') + "\nz", 100, 64);
  EXPECT_EQ(s.lines, (std::vector<std::string>{std::string(100, 'x'), "!101", "z"}));
}

TEST(ReadLineSplitterTest, GrowsBufferForLongLinesUnderTheLimit) {
  std::string big(5000, 'q');
  Split s = SplitAll("a\n" + big + "\nb\n", 1 << 20, 64);
  EXPECT_EQ(s.lines, (std::vector<std::string>{"a", big, "b"}));
}

TEST(ReadLineSplitterTest, MatchesReferenceOnRandomInputs) {
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::string data;
    const int n = rng() % 40;
    for (int i = 0; i < n; ++i) {
      data.append(rng() % 3 == 0 ? rng() % 200 : rng() % 12, static_cast<char>('a' + rng() % 26));
      if (rng() % 7 == 0) data.push_back('\r');
      if (i + 1 < n || rng() % 2) data.push_back('\n');
    }
    const uint64_t max_line = 1 + rng() % 150;
    const size_t chunk = 64 + rng() % 200;
    Split got = SplitAll(data, max_line, chunk);
    Split want = Reference(data, max_line);
    ASSERT_EQ(got.lines, want.lines) << "round " << round;
    ASSERT_EQ(got.numbers, want.numbers) << "round " << round;
  }
}

class FailingSource : public ByteSource {
 public:
  Result<size_t> Read(char* buf, size_t n) override {
    if (sent_) return Status::IoError("disk on fire");
    sent_ = true;
    const std::string data = "one\ntwo\npart";
    std::copy(data.begin(), data.end(), buf);
    (void)n;
    return data.size();
  }
  uint64_t raw_bytes() const override { return 0; }

 private:
  bool sent_ = false;
};

TEST(ReadLineSplitterTest, ErrorComesAfterCompleteLinesAndDropsThePartialOne) {
  FailingSource source;
  LineSplitter splitter(&source, 100, 64);
  EXPECT_EQ(std::string(splitter.Next().data, 3), "one");
  EXPECT_EQ(std::string(splitter.Next().data, 3), "two");
  LineSplitter::Line err = splitter.Next();
  EXPECT_EQ(err.kind, LineSplitter::Kind::kError);
  EXPECT_EQ(err.number, 3u);
  EXPECT_EQ(splitter.error().message(), "disk on fire");
  EXPECT_EQ(splitter.Next().kind, LineSplitter::Kind::kEnd);
}

}  // namespace
}  // namespace reprint::read
