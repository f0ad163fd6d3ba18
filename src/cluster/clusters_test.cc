#include <gtest/gtest.h>

#include "reprint/cluster.h"

namespace reprint {
namespace {

TEST(UnionFindTest, UnitesTransitively) {
  UnionFind uf(6);
  EXPECT_TRUE(uf.Union(0, 1));
  EXPECT_TRUE(uf.Union(1, 2));
  EXPECT_FALSE(uf.Union(0, 2));
  EXPECT_EQ(uf.Find(0), uf.Find(2));
  EXPECT_NE(uf.Find(0), uf.Find(3));
}

TEST(CanonicalTest, MostCompleteThenEarliestDateThenId) {
  EXPECT_TRUE(PreferAsCanonical({100, "2020-01-02", "b"}, {90, "2019-01-01", "a"}));
  EXPECT_TRUE(PreferAsCanonical({100, "2019-01-01", "b"}, {100, "2020-01-01", "a"}));
  EXPECT_TRUE(PreferAsCanonical({100, "2020-01-01", "b"}, {100, "", "a"}));
  EXPECT_TRUE(PreferAsCanonical({100, "", "a"}, {100, "", "b"}));
  EXPECT_FALSE(PreferAsCanonical({100, "", "b"}, {100, "", "a"}));
}

TEST(BuildClustersTest, GroupsPicksCanonicalAndMarksIndirectMembers) {
  std::vector<CanonicalKey> keys = {{50, "", "a"}, {100, "", "b"}, {40, "", "c"}, {10, "", "d"}, {30, "", "e"}};
  std::vector<VerifiedPair> pairs = {
      {0, 1, {0.5, 0.9, 45}, Relation::kContained},
      {0, 2, {0.75, 0.8, 30}, Relation::kNearDuplicate},
      {3, 4, {0.1, 0.2, 1}, Relation::kUnrelated},
  };
  std::vector<Cluster> clusters = BuildClusters(pairs, keys);
  ASSERT_EQ(clusters.size(), 1u);
  const Cluster& c = clusters[0];
  EXPECT_EQ(c.canonical, 1u);
  ASSERT_EQ(c.members.size(), 3u);
  EXPECT_EQ(c.members[0].doc, 1u);
  EXPECT_EQ(c.members[0].relation, Relation::kCanonical);
  EXPECT_EQ(c.members[1].doc, 0u);
  EXPECT_EQ(c.members[1].relation, Relation::kContained);
  EXPECT_EQ(c.members[2].doc, 2u);
  EXPECT_EQ(c.members[2].relation, Relation::kLinked);  // no direct pair with b
}

}  // namespace
}  // namespace reprint
