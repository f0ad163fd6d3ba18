#include "reprint/fingerprint.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace reprint {
namespace {

const char* kArticle =
    "The remarks are perhaps the strongest indication yet from the administration that prospects "
    "for any significant cooperation between the two militaries are unlikely anytime soon. They came "
    "despite repeated suggestions during the campaign of the possibility of joint action against "
    "militants. Just hours before he spoke, the president said it was in the interests of both nations "
    "to restore communications between their intelligence agencies. The agencies, however, are among "
    "the most powerful voices of caution on the matter, concluding that the emails were leaked.";

TEST(FingerprinterTest, ExactHashIgnoresCaseAndPunctuation) {
  Fingerprinter fp;
  Fingerprint a, b, c;
  fp.Compute("Hello, world -- this is it.", &a);
  fp.Compute("hello world this IS it", &b);
  fp.Compute("hello world this is not it", &c);
  EXPECT_EQ(a.exact_hash, b.exact_hash);
  EXPECT_NE(a.exact_hash, c.exact_hash);
}

TEST(FingerprinterTest, TrimmedCopyAnchorsAreSubsetOfSource) {
  Fingerprinter fp;
  std::string text = kArticle;
  Fingerprint full, trimmed;
  fp.Compute(text, &full);
  fp.Compute(text.substr(0, text.size() / 2), &trimmed);
  EXPECT_TRUE(std::includes(full.anchors.begin(), full.anchors.end(), trimmed.anchors.begin(),
                            trimmed.anchors.end()));
}

TEST(FingerprinterTest, SketchSizeAndCounts) {
  FingerprintOptions options;
  options.num_perm = 64;
  Fingerprinter fp(options);
  Fingerprint f;
  fp.Compute(kArticle, &f);
  EXPECT_EQ(f.sketch.size(), 64u);
  EXPECT_EQ(f.shingle_count, f.token_count - 4);
  fp.Compute("  ...  ", &f);
  EXPECT_TRUE(f.sketch.empty());
  EXPECT_EQ(f.shingle_count, 0u);
}

TEST(FingerprinterTest, ShortTextHasOneShingle) {
  Fingerprinter fp;
  ShingleSet set;
  fp.Shingles("two words", &set);
  EXPECT_EQ(set.size(), 1u);
}

TEST(FingerprinterTest, IdenticalTextsEstimateOne) {
  Fingerprinter fp;
  Fingerprint a, b;
  fp.Compute(kArticle, &a);
  fp.Compute(std::string(kArticle) + " ", &b);
  EXPECT_DOUBLE_EQ(EstimateJaccard(a, b), 1.0);
}

}  // namespace
}  // namespace reprint
