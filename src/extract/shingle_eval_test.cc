#include <gtest/gtest.h>

#include "reprint/extract_eval.h"

namespace reprint {

TEST(ShingleMatcher, CountsMultisetFourGrams) {
  ShingleMatcher m;
  const ShingleMatch same = m.Match("one two three four five", "One two, three four five.");
  EXPECT_EQ(same.extracted, 2u);
  EXPECT_EQ(same.matched, 2u);
  EXPECT_DOUBLE_EQ(same.f1(), 1.0);
  const ShingleMatch half = m.Match("a b c d e f g", "a b c d x y z");
  EXPECT_EQ(half.matched, 1u);
  EXPECT_EQ(half.extracted, 4u);
  EXPECT_NEAR(half.precision(), 0.25, 1e-12);
  const ShingleMatch none = m.Match("", "a b c d");
  EXPECT_EQ(none.f1(), 0.0);
  EXPECT_EQ(m.Match("", "").f1(), 1.0);
}

TEST(MicroAverage, SumsAndBootstrapsDeterministically) {
  std::vector<ShingleMatch> docs = {{90, 100, 100}, {10, 20, 10}, {50, 50, 100}};
  const MicroAverage a = MicroAverageWithBootstrap(docs, 500, 7);
  const MicroAverage b = MicroAverageWithBootstrap(docs, 500, 7);
  EXPECT_EQ(a.total.matched, 150u);
  EXPECT_NEAR(a.total.precision(), 150.0 / 170, 1e-12);
  EXPECT_EQ(a.f1.low, b.f1.low);
  EXPECT_LE(a.f1.low, a.total.f1());
  EXPECT_GE(a.f1.high, a.total.f1());
  EXPECT_LT(a.f1.low, a.f1.high);
}

TEST(GoldDates, SameCalendarDay) {
  EXPECT_TRUE(SameDate("2015-02-24T19:56:33Z", "2015-02-24T19:56:33.374Z"));
  EXPECT_FALSE(SameDate("2015-02-25", "2015-02-24T19:56:33.374Z"));
  EXPECT_FALSE(SameDate("", "2015-02-24"));
  EXPECT_TRUE(SameTitle(" A  title", "A title"));
}

}  // namespace reprint
