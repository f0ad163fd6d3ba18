// The streaming index must agree with the batch pipeline: feeding a corpus
// one document at a time into a CopyIndex gives the copy clusters (and, once
// every member has arrived, the canonical members) that Deduplicate() gives
// on the whole corpus, whatever the arrival order; deleting documents gives
// the clusters of the corpus without them.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "reprint/copy_index.h"
#include "reprint/dedup.h"
#include "test_util.h"

namespace reprint {
namespace {

using Partition = std::set<std::vector<std::string>>;  // clusters of >= 2 ids, each sorted

struct BatchAnswer {
  Partition clusters;
  std::map<std::string, std::string> canonical_of;  // member id -> canonical id
};

BatchAnswer RunBatch(const testing::MutatedCorpus& corpus, const std::set<size_t>& skip) {
  testing::TempDir dir;
  testing::MutatedCorpus kept;
  for (size_t i = 0; i < corpus.ids.size(); ++i) {
    if (skip.count(i)) continue;
    kept.ids.push_back(corpus.ids[i]);
    kept.texts.push_back(corpus.texts[i]);
  }
  const auto path = dir.path() / "corpus.jsonl";
  testing::WriteJsonl(kept, path);
  DedupOptions options;
  options.threads = 2;
  Result<DedupResult> result = Deduplicate({path.string()}, options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  BatchAnswer answer;
  for (const Cluster& c : result->clusters) {
    std::vector<std::string> ids;
    for (const ClusterMember& m : c.members) {
      ids.push_back(result->documents[m.doc].id);
      answer.canonical_of[ids.back()] = result->documents[c.canonical].id;
    }
    std::sort(ids.begin(), ids.end());
    answer.clusters.insert(ids);
  }
  return answer;
}

class StreamedIndex {
 public:
  StreamedIndex() {
    CopyIndexOptions options;
    options.cache_bytes = 16 << 20;
    options.write_buffer_bytes = 16 << 20;
    options.sync_writes = false;  // durability is the crash test's subject, not this one's
    auto opened = CopyIndex::Open((dir_.path() / "index").string(), options);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    index_ = std::move(opened).value();
  }
  void Add(const std::string& id, const std::string& text) {
    RawDocument raw;
    raw.id = id;
    raw.content = text;
    auto prepared = index_->Prepare(raw);
    ASSERT_TRUE(prepared.ok());
    std::vector<PreparedDocument> docs;
    docs.push_back(std::move(prepared).value());
    std::vector<DocumentAnswer> answers;
    ASSERT_TRUE(index_->Add(std::move(docs), &answers).ok());
  }
  BatchAnswer Clusters(const std::vector<std::string>& ids) {
    std::map<uint64_t, std::vector<std::string>> by_cluster;
    for (const std::string& id : ids) {
      auto doc = index_->GetDocument(id);
      if (doc.ok() && doc->cluster_id != 0) by_cluster[doc->cluster_id].push_back(id);
    }
    BatchAnswer answer;
    for (auto& [cluster_id, members] : by_cluster) {
      std::sort(members.begin(), members.end());
      answer.clusters.insert(members);
      auto info = index_->GetCluster(cluster_id);
      EXPECT_TRUE(info.ok());
      for (const std::string& m : members) answer.canonical_of[m] = info->canonical;
    }
    return answer;
  }
  CopyIndex& index() { return *index_; }

 private:
  testing::TempDir dir_;
  std::unique_ptr<CopyIndex> index_;
};

const testing::MutatedCorpus& Corpus() {
  static const testing::MutatedCorpus corpus = testing::MakeMutatedCorpus(250, 200, 29);
  return corpus;
}

TEST(CopyIndexBatchTest, StreamingInAnyOrderGivesTheBatchClusters) {
  const testing::MutatedCorpus& corpus = Corpus();
  ASSERT_GE(corpus.ids.size(), 400u) << "needs the BBC corpus in ../shared";
  const BatchAnswer batch = RunBatch(corpus, {});
  ASSERT_GE(batch.clusters.size(), 50u);
  std::vector<size_t> order(corpus.ids.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (uint64_t seed : {0u, 1u}) {
    if (seed != 0) std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
    StreamedIndex streamed;
    for (size_t i : order) streamed.Add(corpus.ids[i], corpus.texts[i]);
    const BatchAnswer answer = streamed.Clusters(corpus.ids);
    EXPECT_EQ(answer.clusters, batch.clusters) << "arrival order seed " << seed;
    EXPECT_EQ(answer.canonical_of, batch.canonical_of) << "arrival order seed " << seed;
    EXPECT_TRUE(streamed.index().CheckConsistency().ok()) << streamed.index().CheckConsistency().ToString();
  }
}

TEST(CopyIndexBatchTest, DeletingDocumentsGivesTheClustersOfTheCorpusWithoutThem) {
  const testing::MutatedCorpus& corpus = Corpus();
  ASSERT_GE(corpus.ids.size(), 400u) << "needs the BBC corpus in ../shared";
  StreamedIndex streamed;
  for (size_t i = 0; i < corpus.ids.size(); ++i) streamed.Add(corpus.ids[i], corpus.texts[i]);
  std::set<size_t> removed;
  std::mt19937_64 rng(5);
  while (removed.size() < 120) removed.insert(rng() % corpus.ids.size());
  for (size_t i : removed) ASSERT_TRUE(streamed.index().Delete(corpus.ids[i]).ok());
  const BatchAnswer batch = RunBatch(corpus, removed);
  const BatchAnswer answer = streamed.Clusters(corpus.ids);
  EXPECT_EQ(answer.clusters, batch.clusters);
  EXPECT_EQ(answer.canonical_of, batch.canonical_of);
  EXPECT_TRUE(streamed.index().CheckConsistency().ok()) << streamed.index().CheckConsistency().ToString();
}

}  // namespace
}  // namespace reprint
