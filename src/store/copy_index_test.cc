#include "reprint/copy_index.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <random>
#include <thread>

#include "store/chunked_list.h"
#include "store/coding.h"
#include "store/database.h"
#include "store/records.h"

namespace reprint {
namespace {

// Deterministic pseudo-English paragraphs: distinct enough that unrelated
// texts share no shingles.
std::string Words(uint64_t seed, size_t n) {
  static const char* const kWords[] = {"minister", "said", "talks", "city", "police", "market", "shares",
                                       "rose",     "fell", "after", "before", "report", "court", "ruled",
                                       "storm",    "hit",  "coast", "army",   "vote",   "bank",  "rates"};
  std::mt19937_64 rng(seed);
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kWords[rng() % 21];
    out += std::to_string(rng() % 50);
    out += (i % 12 == 11) ? ". " : " ";
  }
  return out;
}

class CopyIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("reprint-index-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    Reopen();
  }
  void TearDown() override {
    index_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    index_.reset();
    CopyIndexOptions options;
    options.cache_bytes = 8 << 20;
    options.write_buffer_bytes = 8 << 20;
    auto opened = CopyIndex::Open(dir_.string(), options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    index_ = std::move(opened).value();
  }
  // Each of `threads` threads adds `each` documents, one per request, with
  // the ids "<thread>-<i>" and the texts text_of(thread, i).
  void AddConcurrently(int threads, int each, const std::function<std::string(int, int)>& text_of) {
    std::vector<std::thread> running;
    for (int t = 0; t < threads; ++t)
      running.emplace_back([&, t] {
        for (int i = 0; i < each; ++i) {
          std::vector<PreparedDocument> docs;
          docs.push_back(Prepare(std::to_string(t) + "-" + std::to_string(i), text_of(t, i)));
          std::vector<DocumentAnswer> answers;
          ASSERT_TRUE(index_->Add(std::move(docs), &answers).ok());
        }
      });
    for (auto& t : running) t.join();
  }
  PreparedDocument Prepare(const std::string& id, const std::string& text, const std::string& date = "") {
    RawDocument raw;
    raw.id = id;
    raw.date = date;
    raw.content = text;
    raw.format = DocumentFormat::kText;
    auto prepared = index_->Prepare(raw);
    EXPECT_TRUE(prepared.ok()) << prepared.status().ToString();
    return std::move(prepared).value();
  }
  DocumentAnswer Add(const std::string& id, const std::string& text, const std::string& date = "") {
    std::vector<PreparedDocument> docs;
    docs.push_back(Prepare(id, text, date));
    std::vector<DocumentAnswer> answers;
    Status s = index_->Add(std::move(docs), &answers);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return answers.at(0);
  }

  std::filesystem::path dir_;
  std::unique_ptr<CopyIndex> index_;
};

TEST_F(CopyIndexTest, CopiesJoinOneClusterWithTheMostCompleteAsCanonical) {
  const std::string story = Words(1, 400);
  EXPECT_EQ(Add("a", story.substr(0, story.size() / 2)).cluster_id, 0u);  // alone so far
  DocumentAnswer full = Add("b", story);
  EXPECT_NE(full.cluster_id, 0u);
  EXPECT_EQ(full.cluster_size, 2u);
  EXPECT_EQ(full.relation, Relation::kCanonical);  // longer text: the new canonical
  DocumentAnswer exact = Add("c", story);
  EXPECT_EQ(exact.copy_of, "b");
  EXPECT_EQ(exact.relation, Relation::kExact);
  EXPECT_EQ(exact.cluster_size, 3u);
  DocumentAnswer other = Add("d", Words(2, 300));
  EXPECT_EQ(other.cluster_id, 0u);
  EXPECT_TRUE(other.copy_of.empty());
  auto cluster = index_->GetCluster(full.cluster_id);
  ASSERT_TRUE(cluster.ok());
  EXPECT_EQ(cluster->canonical, "b");
  ASSERT_EQ(cluster->members.size(), 3u);
  EXPECT_EQ(cluster->members[1].relation, Relation::kContained);
  EXPECT_GT(cluster->members[1].coverage, 0.9);
  EXPECT_TRUE(index_->CheckConsistency().ok()) << index_->CheckConsistency().ToString();
  EXPECT_EQ(index_->Stats().documents, 4u);
  EXPECT_EQ(index_->Stats().clusters, 1u);
}

TEST_F(CopyIndexTest, CompactingKeepsEveryAnswer) {
  const std::string story = Words(11, 400), other = Words(12, 300);
  Add("full", story);
  Add("trimmed", story.substr(0, story.size() / 2));
  Add("other", other);
  ASSERT_TRUE(index_->Delete("other").ok());  // a removal for compaction to fold into the postings
  ASSERT_TRUE(index_->Compact().ok());
  Reopen();
  DocumentAnswer trimmed, removed;
  ASSERT_TRUE(index_->Query(Prepare("q1", story.substr(0, story.size() / 2 + 40)), &trimmed).ok());
  EXPECT_EQ(trimmed.copy_of, "full");
  EXPECT_EQ(trimmed.cluster_size, 3u);  // the cluster of two, and the query
  ASSERT_TRUE(index_->Query(Prepare("q2", other), &removed).ok());
  EXPECT_TRUE(removed.copy_of.empty());
  EXPECT_TRUE(index_->CheckConsistency().ok()) << index_->CheckConsistency().ToString();
  DocumentAnswer repeat = Add("repeat", story);  // the id sorts after "full", which stays canonical
  EXPECT_EQ(repeat.copy_of, "full");
  EXPECT_EQ(repeat.relation, Relation::kExact);
}

TEST_F(CopyIndexTest, QueryAnswersWithoutStoring) {
  const std::string story = Words(3, 300);
  Add("a", story);
  DocumentAnswer answer;
  ASSERT_TRUE(index_->Query(Prepare("q", story), &answer).ok());
  EXPECT_EQ(answer.copy_of, "a");
  EXPECT_EQ(answer.relation, Relation::kExact);
  EXPECT_FALSE(answer.stored);
  EXPECT_EQ(index_->Stats().documents, 1u);
  EXPECT_EQ(index_->GetDocument("q").status().code(), StatusCode::kNotFound);
  // A stored document is not its own copy: querying it as it is finds nothing.
  ASSERT_TRUE(index_->Query(Prepare("a", story), &answer).ok());
  EXPECT_TRUE(answer.copy_of.empty());
  EXPECT_TRUE(answer.matches.empty());
}

TEST_F(CopyIndexTest, DeletingTheLinkSplitsTheCluster) {
  // b overlaps a's end and c's start: without b, a and c are unrelated.
  const std::string a = Words(4, 200), c = Words(5, 200);
  Add("a", a + " " + c.substr(0, 40));
  Add("c", c);
  DocumentAnswer b = Add("b", a + " " + c);
  ASSERT_EQ(b.cluster_size, 3u);
  ASSERT_TRUE(index_->Delete("b").ok());
  EXPECT_EQ(index_->GetDocument("a")->cluster_id, 0u);
  EXPECT_EQ(index_->GetDocument("c")->cluster_id, 0u);
  EXPECT_EQ(index_->Delete("b").code(), StatusCode::kNotFound);
  EXPECT_TRUE(index_->CheckConsistency().ok()) << index_->CheckConsistency().ToString();
  EXPECT_EQ(index_->Stats().clusters, 0u);
}

TEST_F(CopyIndexTest, DeletingAnExactRepresentativeKeepsItsCopiesFindable) {
  const std::string story = Words(6, 300);
  Add("first", story);
  Add("second", story);
  Add("trimmed", story.substr(0, story.size() * 2 / 3));
  ASSERT_TRUE(index_->Delete("first").ok());
  EXPECT_TRUE(index_->CheckConsistency().ok()) << index_->CheckConsistency().ToString();
  EXPECT_EQ(index_->GetDocument("second")->cluster_id, index_->GetDocument("trimmed")->cluster_id);
  EXPECT_NE(index_->GetDocument("second")->cluster_id, 0u);
  DocumentAnswer later = Add("later", story.substr(0, story.size() / 2));
  EXPECT_EQ(later.copy_of, "second");
}

// More copies than a chunk of a stored list holds (chunked_list.h), then
// deletions from the middle, of the representative and of the canonical.
TEST_F(CopyIndexTest, ManyExactCopiesStayOneConsistentCluster) {
  const std::string story = Words(16, 300);
  constexpr int kCopies = 600;
  Add("longest", story + " " + Words(17, 20));
  for (int i = 0; i < kCopies; ++i) {
    std::vector<PreparedDocument> docs;
    for (int j = 0; j < 50 && i < kCopies; ++j, ++i) docs.push_back(Prepare("copy" + std::to_string(i), story));
    --i;
    std::vector<DocumentAnswer> answers;
    ASSERT_TRUE(index_->Add(std::move(docs), &answers).ok());
  }
  DocumentAnswer last = Add("last", story);
  EXPECT_EQ(last.cluster_size, kCopies + 2u);
  EXPECT_EQ(last.copy_of, "longest");
  ASSERT_TRUE(index_->CheckConsistency().ok()) << index_->CheckConsistency().ToString();
  for (const char* id : {"copy300", "copy0", "longest"}) ASSERT_TRUE(index_->Delete(id).ok()) << id;
  ASSERT_TRUE(index_->CheckConsistency().ok()) << index_->CheckConsistency().ToString();
  auto cluster = index_->GetCluster(index_->GetDocument("copy1")->cluster_id);
  ASSERT_TRUE(cluster.ok());
  EXPECT_EQ(cluster->members.size(), kCopies - 1u);
  EXPECT_EQ(cluster->canonical, "copy1");  // same text and no dates: the lowest id
  DocumentAnswer query;
  ASSERT_TRUE(index_->Query(Prepare("q", story), &query).ok());
  EXPECT_EQ(query.relation, Relation::kExact);
  EXPECT_EQ(query.cluster_size, kCopies);
  Reopen();
  EXPECT_EQ(Add("after", story).cluster_size, kCopies);
  EXPECT_TRUE(index_->CheckConsistency().ok()) << index_->CheckConsistency().ToString();
}

// Deleting a document with one edge shrinks its cluster without walking it;
// a pair left with one member is no cluster.
TEST_F(CopyIndexTest, DeletingACopyWithOneEdgeShrinksOrDissolvesItsCluster) {
  const std::string story = Words(18, 300);
  Add("a", story);
  Add("b", story);
  Add("c", story.substr(0, story.size() * 3 / 4));
  ASSERT_TRUE(index_->Delete("b").ok());
  EXPECT_EQ(index_->GetDocument("c")->cluster_id, index_->GetDocument("a")->cluster_id);
  EXPECT_EQ(index_->Stats().clustered_documents, 2u);
  ASSERT_TRUE(index_->CheckConsistency().ok()) << index_->CheckConsistency().ToString();
  ASSERT_TRUE(index_->Delete("c").ok());
  EXPECT_EQ(index_->GetDocument("a")->cluster_id, 0u);
  EXPECT_EQ(index_->Stats().clusters, 0u);
  EXPECT_EQ(index_->Stats().clustered_documents, 0u);
  EXPECT_TRUE(index_->CheckConsistency().ok()) << index_->CheckConsistency().ToString();
}

TEST_F(CopyIndexTest, SameIdReplacesTheStoredDocument) {
  Add("a", Words(7, 300));
  DocumentAnswer again = Add("a", Words(8, 300));
  EXPECT_TRUE(again.replaced);
  EXPECT_EQ(index_->Stats().documents, 1u);
  EXPECT_NE(index_->GetDocument("a")->text.find(Words(8, 300).substr(0, 30)), std::string::npos);
  EXPECT_TRUE(index_->CheckConsistency().ok());
}

TEST_F(CopyIndexTest, EverythingSurvivesAReopen) {
  const std::string story = Words(9, 300);
  const uint64_t cluster = (Add("a", story), Add("b", story).cluster_id);
  Add("x", Words(10, 300), "2024-01-02");
  Reopen();
  EXPECT_EQ(index_->Stats().documents, 3u);
  EXPECT_EQ(index_->GetDocument("b")->cluster_id, cluster);
  DocumentAnswer c = Add("c", story);
  EXPECT_EQ(c.cluster_size, 3u);
  EXPECT_TRUE(index_->CheckConsistency().ok());
}

TEST_F(CopyIndexTest, RetentionDropsOldDocumentsAndTheirClusters) {
  const std::string story = Words(11, 300);
  Add("old", story, "2020-01-01");
  Add("old-copy", story, "2020-01-02");
  Add("new", Words(12, 300), "2030-01-01");
  auto removed = index_->DeleteBefore(18500);  // 2020-01-02 < day 18500 (2020-08-26) < 2030
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed.value(), 2u);
  EXPECT_EQ(index_->Stats().documents, 1u);
  EXPECT_EQ(index_->Stats().clusters, 0u);
  EXPECT_TRUE(index_->CheckConsistency().ok());
}

TEST_F(CopyIndexTest, CopiesShareTheirStoryAndStoriesHaveLabels) {
  // Document frequencies need some articles before terms get weight.
  for (int i = 0; i < 30; ++i) Add("background-" + std::to_string(i), Words(100 + i, 120));
  const std::string story = "Flood waters rose in Valencia on Tuesday. " + Words(13, 300);
  DocumentAnswer a = Add("a", story);
  DocumentAnswer b = Add("b", story.substr(0, story.size() * 3 / 4));
  EXPECT_NE(a.story_id, 0u);
  EXPECT_EQ(a.story_id, b.story_id);
  auto info = index_->GetStory(a.story_id, 10);
  ASSERT_TRUE(info.ok());
  // The synthetic background shares the story's vocabulary: it may join too.
  EXPECT_GE(info->size, 2u);
  EXPECT_NE(std::find(info->members.begin(), info->members.end(), "b"), info->members.end());
  EXPECT_FALSE(info->label.empty());
}

TEST_F(CopyIndexTest, ConcurrentAddsAreAllStoredAndGrouped) {
  constexpr int kThreads = 8, kEach = 25;
  // Threads post copies of each other.
  AddConcurrently(kThreads, kEach, [](int, int i) { return Words(1000 + i, 150); });
  const CopyIndexStats stats = index_->Stats();
  EXPECT_EQ(stats.documents, uint64_t{kThreads * kEach});
  EXPECT_EQ(stats.clusters, uint64_t{kEach});
  EXPECT_EQ(stats.clustered_documents, uint64_t{kThreads * kEach});
  EXPECT_TRUE(index_->CheckConsistency().ok()) << index_->CheckConsistency().ToString();
}

// Near-duplicates (not exact copies) from many threads: each group is
// matched while the group before it is still being written, so a document
// finds the partners of that group through its pending posting merges
// (counted once, whether or not the write has landed).
TEST_F(CopyIndexTest, ConcurrentNearDuplicatesFindThePartnersOfTheGroupBeingWritten) {
  constexpr int kThreads = 8, kEach = 20;
  // The same 200 words per i, the last two this thread's own.
  AddConcurrently(kThreads, kEach, [](int t, int i) {
    return Words(2000 + i, 198) + " thread" + std::to_string(t) + " edit" + std::to_string(t);
  });
  const CopyIndexStats stats = index_->Stats();
  EXPECT_EQ(stats.documents, uint64_t{kThreads * kEach});
  EXPECT_EQ(stats.clusters, uint64_t{kEach});
  EXPECT_EQ(stats.clustered_documents, uint64_t{kThreads * kEach});
  EXPECT_TRUE(index_->CheckConsistency().ok()) << index_->CheckConsistency().ToString();
  // Every document is in its text's cluster with all the others.
  for (int i = 0; i < kEach; ++i) {
    Result<StoredDocument> first = index_->GetDocument("0-" + std::to_string(i));
    ASSERT_TRUE(first.ok());
    Result<ClusterInfo> cluster = index_->GetCluster(first->cluster_id);
    ASSERT_TRUE(cluster.ok());
    EXPECT_EQ(cluster->members.size(), size_t{kThreads}) << "text " << i;
  }
}

TEST_F(CopyIndexTest, KeepsTheParametersItWasBuiltWith) {
  Add("a", Words(14, 100));
  index_.reset();
  CopyIndexOptions options;
  options.fingerprint.shingle_size = 4;
  options.adopt_stored_parameters = false;
  auto opened = CopyIndex::Open(dir_.string(), options);
  EXPECT_EQ(opened.status().code(), StatusCode::kInvalidArgument);
  options.adopt_stored_parameters = true;  // the default: the index keeps its own
  opened = CopyIndex::Open(dir_.string(), options);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened.value()->options().fingerprint.shingle_size, 5);
}

// The consistency check must catch what it checks: every "consistent"
// assertion in these tests relies on it.
TEST_F(CopyIndexTest, ConsistencyCheckFindsABrokenClusterOrEdge) {
  const std::string story = Words(19, 300);
  Add("a", story);
  Add("b", story);
  ASSERT_TRUE(index_->CheckConsistency().ok());
  index_.reset();
  const auto corrupt = [&](const std::function<void(store::Database&, uint64_t a_seq)>& change) {
    auto db = store::Database::Open(dir_.string(), store::DatabaseOptions{8 << 20, 8 << 20, false});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    store::SnapshotReader reader(*db.value());
    std::string value;
    bool found = false;
    ASSERT_TRUE(reader.Get(store::Column::kMeta, "ia", &value, &found).ok() && found);
    change(*db.value(), store::ReadBigEndian64(value));
  };
  // b's edge to a loses its reverse on a.
  corrupt([&](store::Database& db, uint64_t a_seq) {
    store::WriteGroup group(db);
    ASSERT_TRUE(store::EdgeChunks::Store(&group, store::Column::kMeta, store::SeqKey('e', a_seq), {}).ok());
    ASSERT_TRUE(db.Write(group.batch(), true).ok());
  });
  Reopen();
  EXPECT_EQ(index_->CheckConsistency().code(), StatusCode::kCorruption);
  index_.reset();
  std::filesystem::remove_all(dir_);  // a fresh index for the second break
  Reopen();
  Add("a", story);
  Add("b", story);
  ASSERT_TRUE(index_->CheckConsistency().ok());
  index_.reset();
  // a's record leaves the cluster that still lists it.
  corrupt([&](store::Database& db, uint64_t a_seq) {
    store::SnapshotReader reader(db);
    std::string value;
    bool found = false;
    ASSERT_TRUE(reader.Get(store::Column::kMeta, store::SeqKey('d', a_seq), &value, &found).ok() && found);
    store::DocRecord doc;
    ASSERT_TRUE(store::DecodeDoc(value, &doc));
    doc.cluster_id = 0;
    store::WriteGroup group(db);
    group.Put(store::Column::kMeta, store::SeqKey('d', a_seq), store::EncodeDoc(doc));
    ASSERT_TRUE(db.Write(group.batch(), true).ok());
  });
  Reopen();
  EXPECT_EQ(index_->CheckConsistency().code(), StatusCode::kCorruption) << index_->CheckConsistency().ToString();
}

// An index written before the chunked lists (its signature lacks the layout)
// would be misread: it must be refused, saying why.
TEST_F(CopyIndexTest, RefusesAnIndexOfAnEarlierLayout) {
  Add("a", Words(15, 100));
  index_.reset();
  {
    auto db = store::Database::Open(dir_.string(), store::DatabaseOptions{8 << 20, 8 << 20, false});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    store::SnapshotReader reader(*db.value());
    std::string value;
    bool found = false;
    ASSERT_TRUE(reader.Get(store::Column::kMeta, "S", &value, &found).ok() && found);
    store::IndexState state;
    ASSERT_TRUE(store::DecodeState(value, &state));
    state.parameters = state.parameters.substr(0, state.parameters.rfind(" layout="));
    store::WriteGroup group(*db.value());
    group.Put(store::Column::kMeta, "S", store::EncodeState(state));
    ASSERT_TRUE(db.value()->Write(group.batch(), true).ok());
  }
  auto opened = CopyIndex::Open(dir_.string(), CopyIndexOptions());
  EXPECT_EQ(opened.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(opened.status().ToString().find("layout"), std::string::npos) << opened.status().ToString();
}

}  // namespace
}  // namespace reprint
