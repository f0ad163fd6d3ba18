#include "reprint/align.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace reprint {
namespace {

const std::string kParagraph1 =
    "US President Donald Trump's defence secretary on Thursday said he did not see possible military "
    "collaboration with Russia now, in a blow to Moscow's hopes to mend ties with Washington.";
const std::string kParagraph2 =
    "It's absolutely clear that in the area of counter-terrorism all relevant governments and international "
    "groups should work together, he told Russia's Federal Security Service.";
const std::string kParagraph3 =
    "Mattis, who has previously accused Russia of trying to break the Nato alliance, told a closed-door session "
    "of Nato on Wednesday that it needed to be realistic about the chances of restoring a cooperative relationship.";
const std::string kUnrelated =
    "The village fete raised four hundred pounds for the church roof this summer, helped by a cake stall, "
    "a tombola and a very popular dog show judged by the retired headmaster.";

std::string Slice(std::string_view text, size_t begin, size_t end) { return std::string(text.substr(begin, end - begin)); }

TEST(Align, ExactCopyCoversBothSides) {
  const std::string text = kParagraph1 + "\n\n" + kParagraph2;
  const Alignment al = Align(text, text);
  EXPECT_DOUBLE_EQ(al.coverage_a, 1.0);
  EXPECT_DOUBLE_EQ(al.coverage_b, 1.0);
  EXPECT_EQ(al.relation, ReuseRelation::kExactCopy);
  ASSERT_EQ(al.spans.size(), 1u);
  EXPECT_TRUE(al.gaps.empty());
  EXPECT_EQ(al.spans[0].a_begin, 0u);
  EXPECT_EQ(al.spans[0].a_end, text.size() - 1);  // up to the last word, not the full stop
}

TEST(Align, UnrelatedTextsShareNothing) {
  const Alignment al = Align(kParagraph1, kUnrelated);
  EXPECT_TRUE(al.spans.empty());
  EXPECT_EQ(al.coverage_a, 0.0);
  EXPECT_EQ(al.relation, ReuseRelation::kUnrelated);
  ASSERT_EQ(al.gaps.size(), 2u);
  EXPECT_EQ(al.gaps[0].kind, GapKind::kCut);
  EXPECT_EQ(al.gaps[1].kind, GapKind::kAdded);
}

TEST(Align, TrimmedCopyListsTheCutParagraph) {
  const std::string a = kParagraph1 + "\n\n" + kParagraph2 + "\n\n" + kParagraph3;
  const std::string b = kParagraph1 + "\n\n" + kParagraph3;
  const Alignment al = Align(a, b);
  EXPECT_DOUBLE_EQ(al.coverage_b, 1.0);
  EXPECT_LT(al.coverage_a, 0.8);
  EXPECT_EQ(al.relation, ReuseRelation::kTrimmedCopy);
  ASSERT_EQ(al.gaps.size(), 1u);
  const Gap& cut = al.gaps[0];
  EXPECT_EQ(cut.kind, GapKind::kCut);
  EXPECT_EQ(Slice(a, cut.a_begin, cut.a_end), kParagraph2.substr(0, kParagraph2.size() - 1));
  // In B the cut sits between the first and the third paragraph.
  EXPECT_EQ(cut.b_begin, cut.b_end);
  EXPECT_EQ(cut.b_begin, kParagraph1.size() - 1);
}

TEST(Align, ReorderedParagraphsAreStillAligned) {
  const std::string a = kParagraph1 + "\n\n" + kParagraph2 + "\n\n" + kParagraph3;
  const std::string b = kParagraph3 + "\n\n" + kParagraph1 + "\n\n" + kParagraph2;
  const Alignment al = Align(a, b);
  EXPECT_DOUBLE_EQ(al.coverage_a, 1.0);
  EXPECT_DOUBLE_EQ(al.coverage_b, 1.0);
  ASSERT_EQ(al.spans.size(), 2u);  // paragraphs 1+2 stay together, 3 moved
  for (const AlignedSpan& s : al.spans) EXPECT_EQ(Slice(a, s.a_begin, s.a_end), Slice(b, s.b_begin, s.b_end));
  EXPECT_EQ(Slice(a, al.spans[1].a_begin, al.spans[1].a_end), kParagraph3.substr(0, kParagraph3.size() - 1));
}

TEST(Align, SpellingVariantsStayInsideOnePassage) {
  const std::string a = kParagraph1 + "\n\n" + kParagraph2 + "\n\n" + kParagraph3;
  std::string b = a;
  for (auto [from, to] : {std::pair<std::string, std::string>{"defence", "defense"},
                          {"counter-terrorism", "counterterrorism"},
                          {"Nato alliance", "NATO alliance"}}) {
    b.replace(b.find(from), from.size(), to);
  }
  const Alignment al = Align(a, b);
  ASSERT_EQ(al.spans.size(), 1u);
  EXPECT_DOUBLE_EQ(al.coverage_a, 1.0);
  EXPECT_DOUBLE_EQ(al.coverage_b, 1.0);
  EXPECT_EQ(al.relation, ReuseRelation::kEditedCopy);
  ASSERT_EQ(al.gaps.size(), 2u);  // Nato/NATO is the same normalised word
  for (const Gap& g : al.gaps) {
    EXPECT_EQ(g.kind, GapKind::kEdited);
    EXPECT_TRUE(g.inside_passage);
  }
  EXPECT_EQ(Slice(a, al.gaps[0].a_begin, al.gaps[0].a_end), "defence");
  EXPECT_EQ(Slice(b, al.gaps[0].b_begin, al.gaps[0].b_end), "defense");
  EXPECT_EQ(Slice(a, al.gaps[1].a_begin, al.gaps[1].a_end), "counter-terrorism");
  EXPECT_EQ(Slice(b, al.gaps[1].b_begin, al.gaps[1].b_end), "counterterrorism");
}

TEST(Align, EllipsisInAQuoteIsACutInsideThePassage) {
  const std::string a = kParagraph3;
  const std::string b =
      "Mattis, who has previously accused Russia of trying to break the Nato alliance, told a closed-door session "
      "of Nato … about the chances of restoring a cooperative relationship.";
  const Alignment al = Align(a, b);
  ASSERT_EQ(al.spans.size(), 1u);
  EXPECT_DOUBLE_EQ(al.coverage_b, 1.0);
  ASSERT_EQ(al.gaps.size(), 1u);
  EXPECT_EQ(al.gaps[0].kind, GapKind::kCut);
  EXPECT_TRUE(al.gaps[0].inside_passage);
  EXPECT_EQ(Slice(a, al.gaps[0].a_begin, al.gaps[0].a_end), "on Wednesday that it needed to be realistic");
}

TEST(Align, EditedSentenceBecomesOneEditedGap) {
  const std::string a = kParagraph1;
  std::string b = kParagraph1;
  b.replace(b.find("did not see possible"), std::string("did not see possible").size(), "ruled out any");
  const Alignment al = Align(a, b);
  ASSERT_EQ(al.spans.size(), 1u);
  ASSERT_EQ(al.gaps.size(), 1u);
  EXPECT_EQ(al.gaps[0].kind, GapKind::kEdited);
  EXPECT_EQ(Slice(a, al.gaps[0].a_begin, al.gaps[0].a_end), "did not see possible");
  EXPECT_EQ(Slice(b, al.gaps[0].b_begin, al.gaps[0].b_end), "ruled out any");
}

TEST(Align, PartialReuseOfOneParagraph) {
  const std::string a = kParagraph1 + "\n\n" + kParagraph2 + "\n\n" + kParagraph3;
  const std::string b = kUnrelated + "\n\n" + kParagraph2 + "\n\n" + kUnrelated;
  const Alignment al = Align(a, b);
  ASSERT_EQ(al.spans.size(), 1u);
  EXPECT_EQ(al.relation, ReuseRelation::kPartialReuse);
  EXPECT_GT(al.coverage_a, 0.2);
  EXPECT_LT(al.coverage_a, 0.5);
  EXPECT_EQ(Slice(b, al.spans[0].b_begin, al.spans[0].b_end), kParagraph2.substr(0, kParagraph2.size() - 1));
}

// Random texts of 4-byte words (never spelling variants of each other), B a
// mutated copy of A (cuts, additions, substitutions, moved blocks): every word
// is either aligned or in exactly one gap, and offsets land on words.
TEST(Align, EveryWordIsAlignedOrInOneGap) {
  std::mt19937 rng(2024);
  auto word = [&] { return "x" + std::to_string(100 + rng() % 400); };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> a_words(50 + rng() % 400);
    for (auto& w : a_words) w = word();
    std::vector<std::string> b_words;
    for (size_t i = 0; i < a_words.size(); ++i) {
      const unsigned r = rng() % 100;
      if (r < 3) i += rng() % 30;                         // cut a stretch
      else if (r < 6) b_words.push_back(word());          // add a word
      if (i < a_words.size()) b_words.push_back(r < 10 ? word() : a_words[i]);  // substitute or keep
    }
    if (b_words.size() > 40) std::rotate(b_words.begin(), b_words.begin() + rng() % b_words.size(), b_words.end());
    auto join = [&](const std::vector<std::string>& words) {
      std::string text;
      for (const auto& w : words) text += w + (rng() % 12 == 0 ? ".\n\n" : " ");
      return text;
    };
    const std::string a = join(a_words), b = join(b_words);
    const Alignment al = Align(a, b);
    ASSERT_EQ(al.a_words, a_words.size());
    ASSERT_EQ(al.b_words, b_words.size());
    size_t gap_a = 0, gap_b = 0;
    std::vector<int> seen_a(a.size() + 1), seen_b(b.size() + 1);
    for (const Gap& g : al.gaps) {
      ASSERT_LE(g.a_begin, g.a_end);
      ASSERT_LE(g.a_end, a.size());
      ASSERT_LE(g.b_end, b.size());
      gap_a += g.a_words;
      gap_b += g.b_words;
      if (g.a_words) EXPECT_EQ(a[g.a_begin], 'x');
      if (g.b_words) EXPECT_EQ(b[g.b_begin], 'x');
      for (size_t k = g.a_begin; k < g.a_end; ++k) EXPECT_EQ(seen_a[k]++, 0) << "gaps overlap in A";
      for (size_t k = g.b_begin; k < g.b_end; ++k) EXPECT_EQ(seen_b[k]++, 0) << "gaps overlap in B";
    }
    EXPECT_EQ(static_cast<size_t>(std::lround(al.coverage_a * static_cast<double>(al.a_words))) + gap_a, al.a_words);
    EXPECT_EQ(static_cast<size_t>(std::lround(al.coverage_b * static_cast<double>(al.b_words))) + gap_b, al.b_words);
    for (const AlignedSpan& s : al.spans) {
      ASSERT_LT(s.a_begin, s.a_end);
      ASSERT_LE(s.a_end, a.size());
      ASSERT_LE(s.b_end, b.size());
      EXPECT_EQ(a[s.a_begin], 'x');
      EXPECT_EQ(b[s.b_begin], 'x');
      EXPECT_GE(s.matched_words, 5u);
    }
    if (::testing::Test::HasFailure()) break;
  }
}

// Regression: words between two tiles of one passage were aligned as an edit
// while they also formed a passage of their own elsewhere in A.
TEST(Align, NoWordIsAlignedTwice) {
  const std::string head = "one two three four five six seven eight nine ten";
  const std::string tail = "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen";
  const std::string moved = "red orange yellow green blue violet";
  const std::string a = head + " cat dog cow pig hen fox " + tail + ". " + kUnrelated + " " + moved + ".";
  const std::string b = head + " " + moved + " " + tail + ".";
  const Alignment al = Align(a, b);
  ASSERT_EQ(al.spans.size(), 3u);
  EXPECT_DOUBLE_EQ(al.coverage_b, 1.0);
  for (const Gap& g : al.gaps) EXPECT_EQ(g.b_words, 0u) << "every word of B is matched once";
  const AlignedSpan& last = al.spans[2];
  EXPECT_EQ(Slice(a, last.a_begin, last.a_end), moved);
  EXPECT_EQ(Slice(b, last.b_begin, last.b_end), moved);
}

TEST(Align, EmptyTexts) {
  EXPECT_EQ(Align("", "").relation, ReuseRelation::kExactCopy);
  const Alignment al = Align("", kParagraph1);
  EXPECT_EQ(al.relation, ReuseRelation::kUnrelated);
  EXPECT_EQ(al.coverage_b, 0.0);
}

}  // namespace
}  // namespace reprint
