#include "extract/byline.h"

#include <gtest/gtest.h>

namespace reprint::extract {
namespace {

using Names = std::vector<std::string>;

TEST(AuthorsFromByline, DropsPrefixAndFieldsAfterASeparator) {
  EXPECT_EQ(AuthorsFromByline("By Jane Doe"), Names{"Jane Doe"});
  EXPECT_EQ(AuthorsFromByline("Nordline Press Agency \xC2\xB7 14 March 2025"), Names{"Nordline Press Agency"});
  EXPECT_EQ(AuthorsFromByline("BY JANE DOE | Updated 3 hours ago"), Names{"JANE DOE"});
  EXPECT_EQ(AuthorsFromByline("Written by Ann Lee - Staff reporter"), Names{"Ann Lee"});
  EXPECT_EQ(AuthorsFromByline("por\n  C\xC3\xA9sar Salza"), Names{"C\xC3\xA9sar Salza"});
  EXPECT_EQ(AuthorsFromByline("By:\tAnn Lee"), Names{"Ann Lee"});
  EXPECT_EQ(AuthorsFromByline("Byron Smith"), Names{"Byron Smith"});
}

TEST(AuthorsFromByline, SplitsSeveralAuthors) {
  EXPECT_EQ(AuthorsFromByline("By Jane Doe and John Roe"), (Names{"Jane Doe", "John Roe"}));
  EXPECT_EQ(AuthorsFromByline("Ann Lee, Bo Chan & Cy Dale"), (Names{"Ann Lee", "Bo Chan", "Cy Dale"}));
}

TEST(AuthorsFromByline, DatesAndEmptyPartsAreNotAuthors) {
  EXPECT_EQ(AuthorsFromByline("Jane Doe, 14.03.2025"), Names{"Jane Doe"});
  EXPECT_EQ(AuthorsFromByline("By Brenda Goodman, MA"), Names{"Brenda Goodman"});
  EXPECT_EQ(AuthorsFromByline("Sunday, Joanna Rothkopf"), Names{"Joanna Rothkopf"});
  EXPECT_TRUE(AuthorsFromByline("").empty());
  EXPECT_TRUE(AuthorsFromByline("By ").empty());
  EXPECT_TRUE(AuthorsFromByline("March 14, 2025").empty());
}

}  // namespace
}  // namespace reprint::extract
