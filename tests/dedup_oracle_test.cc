// Differential test: the pipeline's candidate generation (LSH bands plus
// containment anchors) against a brute-force oracle that scores every pair of
// documents exactly. Every pair the oracle calls a copy must end up in one
// cluster; every verified pair must really be a copy.
#include <gtest/gtest.h>

#include <map>

#include "reprint/cleaner.h"
#include "reprint/dedup.h"
#include "test_util.h"

namespace reprint {
namespace {

// Built once per process and destroyed at exit, which removes its directory
// (a leaked fixture left a megabyte in the temporary directory per run).
struct Fixture {
  Fixture() : corpus(testing::MakeMutatedCorpus(300, 200, 17)), path(dir.path() / "corpus.jsonl") {
    testing::WriteJsonl(corpus, path);
  }
  testing::TempDir dir;
  testing::MutatedCorpus corpus;
  std::filesystem::path path;
};

Fixture& SharedFixture() {
  static Fixture fixture;
  return fixture;
}

std::vector<ShingleSet> OracleSets(const testing::MutatedCorpus& corpus, const FingerprintOptions& options) {
  Cleaner cleaner;
  Fingerprinter fingerprinter(options);
  std::vector<ShingleSet> sets(corpus.texts.size());
  for (size_t i = 0; i < corpus.texts.size(); ++i) {
    RawDocument raw;
    raw.content = corpus.texts[i];
    CleanDocument clean;
    EXPECT_TRUE(cleaner.Clean(raw, &clean).ok());
    fingerprinter.Shingles(clean.text, &sets[i]);
  }
  return sets;
}

TEST(DedupOracleTest, EveryTrueCopyPairIsClusteredAndEveryVerifiedPairIsACopy) {
  Fixture& f = SharedFixture();
  ASSERT_GE(f.corpus.texts.size(), 400u) << "needs the BBC corpus in ../shared";
  DedupOptions options;
  options.threads = 2;
  Result<DedupResult> result = Deduplicate({f.path.string()}, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();

  std::vector<int> cluster_of(f.corpus.texts.size(), -1);
  for (const Cluster& c : result->clusters)
    for (const ClusterMember& m : c.members) cluster_of[m.doc] = static_cast<int>(c.id);

  const std::vector<ShingleSet> sets = OracleSets(f.corpus, options.fingerprint);
  size_t true_pairs = 0, found = 0;
  for (size_t a = 0; a < sets.size(); ++a) {
    for (size_t b = a + 1; b < sets.size(); ++b) {
      const PairScores s = CompareShingleSets(sets[a], sets[b]);
      if (ClassifyPair(s, false, options.thresholds) == Relation::kUnrelated) continue;
      ++true_pairs;
      const bool ok = cluster_of[a] >= 0 && cluster_of[a] == cluster_of[b];
      found += ok;
      if (!ok) std::fprintf(stderr, "MISSED %s %s J=%.3f C=%.3f |A|=%zu |B|=%zu\n", f.corpus.ids[a].c_str(), f.corpus.ids[b].c_str(), s.jaccard, s.containment, sets[a].size(), sets[b].size());
    }
  }
  ASSERT_GT(true_pairs, 150u);
  EXPECT_GE(static_cast<double>(found) / static_cast<double>(true_pairs), 0.99)
      << found << " of " << true_pairs << " copy pairs clustered";

  for (const VerifiedPair& p : result->pairs) {
    const PairScores s = CompareShingleSets(sets[p.a], sets[p.b]);
    EXPECT_NEAR(s.jaccard, p.scores.jaccard, 1e-9);
    EXPECT_NE(ClassifyPair(s, p.relation == Relation::kExact, options.thresholds), Relation::kUnrelated);
  }
}

TEST(DedupOracleTest, ResultDoesNotDependOnThreadCount) {
  Fixture& f = SharedFixture();
  auto run = [&f](unsigned threads, size_t verify_memory = size_t{256} << 20) {
    DedupOptions options;
    options.threads = threads;
    options.verify_memory_bytes = verify_memory;
    Result<DedupResult> r = Deduplicate({f.path.string()}, options);
    EXPECT_TRUE(r.ok());
    std::string digest;
    for (const Cluster& c : r->clusters) {
      digest += "c" + std::to_string(c.id) + ":" + std::to_string(c.canonical);
      for (const ClusterMember& m : c.members)
        digest += "," + std::to_string(m.doc) + "/" + std::string(RelationName(m.relation)) + "/" +
                  std::to_string(m.scores.intersection);
      digest += "\n";
    }
    for (const VerifiedPair& p : r->pairs) digest += std::to_string(p.a) + "-" + std::to_string(p.b) + ";";
    return digest;
  };
  const std::string one = run(1);
  EXPECT_FALSE(one.empty());
  EXPECT_EQ(one, run(2));
  EXPECT_EQ(one, run(5));
  // A tiny verification budget splits pass 2 into many reads of the input.
  EXPECT_EQ(one, run(2, 64 << 10));
}

TEST(DedupOracleTest, CliOutputIsByteIdenticalAcrossThreads) {
  Fixture& f = SharedFixture();
  testing::CommandResult one = testing::RunCli({"dedup", "--threads", "1", f.path.string()});
  testing::CommandResult three = testing::RunCli({"dedup", "--threads", "3", f.path.string()});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_FALSE(one.out.empty());
  EXPECT_EQ(one.out, three.out);
}

TEST(DedupOracleTest, StdinGivesTheSameClustersAsAFile) {
  Fixture& f = SharedFixture();
  testing::CommandResult file = testing::RunCli({"dedup", f.path.string()});
  DedupOptions options;
  Result<DedupResult> from_file = Deduplicate({f.path.string()}, options);
  ASSERT_TRUE(from_file.ok());
  // stdin cannot be read twice: the pipeline keeps shingle sets instead.
  const std::string command = std::string("'") + REPRINT_CLI_PATH + "' dedup - < '" + f.path.string() + "' > '" +
                              (f.dir.path() / "stdin.out").string() + "' 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(testing::ReadFile(f.dir.path() / "stdin.out"), file.out);
}

}  // namespace
}  // namespace reprint
