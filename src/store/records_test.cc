#include "store/records.h"

#include <gtest/gtest.h>

#include "store/database.h"
#include "store/postings.h"

namespace reprint::store {
namespace {

TEST(RecordsTest, DocumentRoundTrip) {
  DocRecord doc;
  doc.id = "wire-1";
  doc.date = "2024-03-01";
  doc.day = -5;
  doc.shingle_count = 420;
  doc.exact_hash = ~uint64_t{0};
  doc.indexed = true;
  doc.band_keys = {3, 99, 4000000000u};
  doc.anchors = {1, 2};
  doc.cluster_id = 7;
  doc.story_id = 12;
  DocRecord back;
  ASSERT_TRUE(DecodeDoc(EncodeDoc(doc), &back));
  ASSERT_TRUE(DecodeKeys(EncodeKeys(doc), &back));
  EXPECT_EQ(back.id, "wire-1");
  EXPECT_EQ(back.day, -5);
  EXPECT_EQ(back.exact_hash, doc.exact_hash);
  EXPECT_EQ(back.band_keys, doc.band_keys);
  EXPECT_TRUE(back.indexed);
  EXPECT_EQ(back.story_id, 12u);
}

TEST(RecordsTest, TruncatedOrGarbageBytesAreRejectedNotRead) {
  DocRecord doc;
  doc.id = "x";
  doc.band_keys = {1, 2, 3};
  const std::string bytes = EncodeDoc(doc);
  DocRecord back;
  for (size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(DecodeDoc(bytes.substr(0, n), &back)) << n;
  EdgeList edges;
  EXPECT_FALSE(DecodeEdges(std::string(40, '\xff'), &edges));
  std::vector<uint32_t> shingles;
  EXPECT_FALSE(DecodeShingles("\x05\x01", &shingles));  // not whole values
  EXPECT_FALSE(DecodeShingles(EncodeShingles({9, 3}), &shingles));  // not sorted
  ASSERT_TRUE(DecodeShingles(EncodeShingles({3, 9}), &shingles));
  EXPECT_EQ(shingles, (std::vector<uint32_t>{3, 9}));
  const std::string keys = EncodeKeys(doc);
  EXPECT_FALSE(DecodeKeys(keys.substr(0, keys.size() - 1), &back));
}

TEST(RecordsTest, EdgesKeepScoresAndRelations) {
  EdgeList edges = {{4, Relation::kContained, {0.25, 0.9, 90, 100}}, {9, Relation::kExact, {1, 1, 50, 50}}};
  EdgeList back;
  ASSERT_TRUE(DecodeEdges(EncodeEdges(edges), &back));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].relation, Relation::kContained);
  EXPECT_FLOAT_EQ(back[0].scores.containment, 0.9f);
  EXPECT_EQ(back[1].scores.intersection, 50u);
}

// The blobs' compactions move files instead of rewriting them only while
// every key of a later document sorts after every key of an earlier one.
TEST(RecordsTest, BlobKeysOfALaterDocumentSortAfterEveryKeyOfAnEarlierOne) {
  for (uint64_t earlier : {uint64_t{1}, uint64_t{255}, uint64_t{256}, uint64_t{1} << 40})
    for (BlobKind a : kBlobKinds)
      for (BlobKind b : kBlobKinds)
        EXPECT_LT(BlobKey(earlier, a), BlobKey(earlier + 1, b))
            << earlier << static_cast<char>(a) << static_cast<char>(b);
  EXPECT_NE(BlobKey(9, BlobKind::kShingles), BlobKey(9, BlobKind::kText));
}

TEST(PostingsTest, OperandsAddAndRemoveEntries) {
  std::string posting;
  ApplyOperand(AddOperand({5, 3}), &posting);
  ApplyOperand(AddOperand({9, 1}), &posting);
  ApplyOperand(AddOperand({12, 0}), &posting);
  ApplyOperand(RemoveOperand(9), &posting);
  ASSERT_EQ(PostingLength(posting), 2u);
  EXPECT_EQ(PostingAt(posting, 0).seq, 5u);
  EXPECT_EQ(PostingAt(posting, 0).aux, 3u);
  EXPECT_EQ(PostingAt(posting, 1).seq, 12u);
  ApplyOperand("junk", &posting);  // unknown operands leave the list alone
  EXPECT_EQ(PostingLength(posting), 2u);
}

}  // namespace
}  // namespace reprint::store
