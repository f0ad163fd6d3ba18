#include "pipeline/verify_pass.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "index/shared_keys.h"
#include "reprint/similarity.h"

namespace reprint::pipeline {
namespace {

// Random sorted sets over a small universe, so that pairs overlap.
std::vector<CompactShingles> RandomSets(size_t documents, std::mt19937* rng) {
  std::vector<CompactShingles> sets(documents);
  for (CompactShingles& set : sets) {
    const size_t size = (*rng)() % 300;  // some empty
    for (size_t i = 0; i < size; ++i) set.push_back((*rng)() % 2000);
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
  }
  return sets;
}

// Each document paired with a few random later ones: partners far apart,
// first members with many partners, documents that are in no pair.
std::vector<uint64_t> RandomPairs(size_t documents, std::mt19937* rng) {
  std::vector<uint64_t> pairs;
  for (uint32_t a = 0; a + 1 < documents; ++a) {
    const unsigned partners = (*rng)() % 4 == 0 ? (*rng)() % 40 : (*rng)() % 3;
    for (unsigned i = 0; i < partners; ++i) {
      const auto b = static_cast<uint32_t>(a + 1 + (*rng)() % (documents - a - 1));
      pairs.push_back(index::PackPair(a, b));
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

TEST(ScorePairsTest, MatchesDirectComparisonForAnyThreadsAndMemoryBudget) {
  std::mt19937 rng(7);
  const size_t documents = 3000;  // several of the scan's blocks
  const std::vector<CompactShingles> sets = RandomSets(documents, &rng);
  const std::vector<uint64_t> pairs = RandomPairs(documents, &rng);
  std::vector<uint32_t> counts;
  for (const CompactShingles& set : sets) counts.push_back(static_cast<uint32_t>(set.size()));
  for (bool background_writes : {false, true}) {
    Result<std::unique_ptr<ShingleSpill>> spill = ShingleSpill::Create("", background_writes);
    ASSERT_TRUE(spill.ok()) << spill.status().ToString();
    for (const CompactShingles& set : sets) ASSERT_TRUE(spill.value()->Append(set).ok());
    for (unsigned threads : {1u, 2u, 5u}) {
      for (size_t budget : {size_t{1} << 30, size_t{20} << 10}) {  // one window; many
        DedupOptions options;
        options.threads = threads;
        options.verify_memory_bytes = budget;
        DedupStats stats;
        std::vector<PairScores> scores;
        ASSERT_TRUE(ScorePairs(spill.value().get(), options, 2, {&pairs, &counts}, &scores, &stats).ok());
        ASSERT_EQ(scores.size(), pairs.size());
        EXPECT_EQ(stats.verify_reads > 1, budget < (size_t{1} << 30)) << stats.verify_reads;
        for (size_t i = 0; i < pairs.size(); ++i) {
          const PairScores want = CompareShingleSets(sets[index::PairFirst(pairs[i])], sets[index::PairSecond(pairs[i])]);
          ASSERT_EQ(scores[i].intersection, want.intersection) << "pair " << i << ", " << threads << " threads";
          ASSERT_EQ(scores[i].smaller_size, want.smaller_size);
          ASSERT_EQ(scores[i].jaccard, want.jaccard);
        }
      }
    }
  }
}

TEST(ScorePairsTest, ReportsADocumentMissingFromTheSpill) {
  Result<std::unique_ptr<ShingleSpill>> spill = ShingleSpill::Create("");
  ASSERT_TRUE(spill.ok());
  for (uint32_t d = 0; d < 600; ++d) ASSERT_TRUE(spill.value()->Append(CompactShingles(d % 5, d)).ok());
  const std::vector<uint64_t> pairs = {index::PackPair(1, 2), index::PackPair(3, 700)};
  const std::vector<uint32_t> counts(701, 4);
  for (unsigned threads : {1u, 2u}) {
    DedupOptions options;
    options.threads = threads;
    DedupStats stats;
    std::vector<PairScores> scores;
    const Status status = ScorePairs(spill.value().get(), options, 2, {&pairs, &counts}, &scores, &stats);
    EXPECT_FALSE(status.ok());
    EXPECT_NE(status.ToString().find("700"), std::string::npos) << status.ToString();
  }
}

}  // namespace
}  // namespace reprint::pipeline
