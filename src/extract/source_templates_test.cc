#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reprint/templates.h"

namespace reprint {
namespace {

// A long, distinct article paragraph (over article_key_min_bytes).
std::string Story(int n) {
  return "Story " + std::string(1, static_cast<char>('a' + n)) +
         ": the council met on Tuesday to discuss the harbour budget, and members argued for hours about "
         "dredging, the ferry timetable and the cost of repairing the old sea wall near topic " +
         std::string(3, static_cast<char>('k' + n)) + ".";
}

std::string Page(int n, const std::string& footer) { return "Share this article\n\n" + Story(n) + "\n\n" + footer; }

TEST(SourceTemplates, RecurringLinesOfOneSourceAreTemplate) {
  TemplateLearner learner;
  for (int n = 0; n < 3; ++n) learner.Observe("harbour.example", Page(n, "Comments are closed."));
  const SourceTemplates templates = learner.Templates();
  EXPECT_EQ(templates.size(), 2u);  // "Share this article" and the footer
  EXPECT_TRUE(templates.IsTemplate("harbour.example", "Comments are closed."));
  EXPECT_FALSE(templates.IsTemplate("other.example", "Comments are closed."));
  EXPECT_FALSE(templates.IsTemplate("harbour.example", Story(0)));

  std::string text = Page(7, "Comments are closed.");
  EXPECT_EQ(templates.StripText("harbour.example", &text), 2u);
  EXPECT_EQ(text, Story(7));
  std::vector<std::string> paragraphs = {"Share this article", Story(8), "Comments are closed."};
  EXPECT_EQ(templates.Strip("harbour.example", &paragraphs), 2u);
  EXPECT_EQ(paragraphs, std::vector<std::string>{Story(8)});
}

TEST(SourceTemplates, TooFewDocumentsAreNotEnough) {
  TemplateLearner learner;
  for (int n = 0; n < 2; ++n) learner.Observe("s", Page(n, "Comments are closed."));
  EXPECT_TRUE(learner.Templates().empty());
}

TEST(SourceTemplates, CopiesOfOneArticleKeepTheirText) {
  // One story republished unchanged five times by its own site counts once.
  const std::string story = "Short lead line.\n\n" + Story(0) + "\n\n" + Story(1);
  TemplateLearner exact;
  for (int copy = 0; copy < 5; ++copy) exact.Observe("wire", story);
  EXPECT_TRUE(exact.Templates().empty());
  // Updates of it differ in a line: its lines are seen in five texts, but
  // stripping them would leave an update little of its own, so it keeps all.
  TemplateLearner updates;
  for (int copy = 0; copy < 5; ++copy) updates.Observe("wire", story + "\n\nUpdated by editor " + std::string(1, static_cast<char>('A' + copy)));
  const SourceTemplates templates = updates.Templates();
  EXPECT_TRUE(templates.IsTemplate("wire", "Short lead line."));
  std::string update = story + "\n\nUpdated by editor Z";
  EXPECT_EQ(templates.StripText("wire", &update), 0u);
  EXPECT_EQ(update, story + "\n\nUpdated by editor Z");
  // A line repeated within one document counts once for it.
  TemplateLearner repeated;
  repeated.Observe("s", "Ad\n\nAd\n\nAd\n\n" + Story(2));
  EXPECT_TRUE(repeated.Templates().empty());
}

TEST(SourceTemplates, CaseAndSpacesAreIgnoredNumbersAreNot) {
  TemplateLearner learner;
  learner.Observe("s", Story(0) + "\n\nRead our  comment policy\n\nShr 35 cts vs 89 cts");
  learner.Observe("s", Story(1) + "\n\nREAD OUR COMMENT POLICY\n\nShr 12 cts vs 10 cts");
  learner.Observe("s", Story(2) + "\n\nRead our comment policy\n\nShr 1 cts vs 3 cts");
  const SourceTemplates templates = learner.Templates();
  EXPECT_TRUE(templates.IsTemplate("s", "read our comment policy"));
  EXPECT_FALSE(templates.IsTemplate("s", "Shr 35 cts vs 89 cts"));
  EXPECT_EQ(templates.size(), 1u);
}

TEST(SourceTemplates, LongParagraphsAndLateDocumentsAreNotLearnt) {
  TemplateOptions options;
  options.max_paragraph_bytes = 10;
  options.max_documents_per_source = 3;
  TemplateLearner learner(options);
  for (int n = 0; n < 6; ++n) {
    learner.Observe("s", Story(n) + "\n\nA long footer line here" + (n >= 3 ? "\n\nLate line" : ""));
  }
  EXPECT_TRUE(learner.Templates().empty());
}

TEST(SourceTemplates, OffWhenMinDocumentsIsZeroOrNoSource) {
  TemplateOptions off;
  off.min_documents = 0;
  TemplateLearner learner(off);
  for (int n = 0; n < 4; ++n) learner.Observe("s", Page(n, "Footer"));
  EXPECT_TRUE(learner.Templates().empty());
  TemplateLearner no_source;
  for (int n = 0; n < 4; ++n) no_source.Observe("", Page(n, "Footer"));
  EXPECT_TRUE(no_source.Templates().empty());
}

TEST(TemplateSourceKey, SourceFieldElseUrlHost) {
  EXPECT_EQ(TemplateSourceKey("", "https://www.Harbour-News.example:8443/2024/05/story?x=1"), "harbour-news.example");
  EXPECT_EQ(TemplateSourceKey("", "//cdn.example/a"), "cdn.example");
  EXPECT_EQ(TemplateSourceKey("", "not a url"), "");
  EXPECT_EQ(TemplateSourceKey("", ""), "");
  EXPECT_EQ(TemplateSourceKey("Harbour News", "https://other.example/"), "harbour news");
}

}  // namespace
}  // namespace reprint
