#include "extract/date.h"

#include <gtest/gtest.h>

namespace reprint::extract {

TEST(NormalizeDate, IsoVariants) {
  EXPECT_EQ(NormalizeDate("2015-02-24T19:56:33.374Z"), "2015-02-24T19:56:33Z");
  EXPECT_EQ(NormalizeDate("2021-11-01T10:52:50+0100"), "2021-11-01T10:52:50+01:00");
  EXPECT_EQ(NormalizeDate("2019-04-28 06:01:07"), "2019-04-28T06:01:07");
  EXPECT_EQ(NormalizeDate("2018-04-05T06:00"), "2018-04-05T06:00:00");
  EXPECT_EQ(NormalizeDate("2020-09-21"), "2020-09-21");
  EXPECT_EQ(NormalizeDate("2020/9/1"), "2020-09-01");
}

TEST(NormalizeDate, NamedMonths) {
  EXPECT_EQ(NormalizeDate("Tue, 05 Mar 2019 10:00:00 GMT"), "2019-03-05T10:00:00Z");
  EXPECT_EQ(NormalizeDate("March 5, 2019"), "2019-03-05");
  EXPECT_EQ(NormalizeDate("5 Sept. 2019"), "2019-09-05");
}

TEST(NormalizeDate, RejectsNonDates) {
  EXPECT_EQ(NormalizeDate(""), "");
  EXPECT_EQ(NormalizeDate("yesterday"), "");
  EXPECT_EQ(NormalizeDate("2019-13-01"), "");
  EXPECT_EQ(NormalizeDate("1066-10-14"), "");
}

}  // namespace reprint::extract
