// End-to-end tests of DocumentReader::Open() on real files in a temp dir.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "read/read_test_util.h"
#include "reprint/reader.h"

namespace reprint::read {
namespace {

using testing::Gzip;
using testing::ReadAll;
using testing::ReadResult;
using testing::TempDir;
using testing::Zstd;
using Strings = std::vector<std::string>;

std::string Record(const std::string& id, const std::string& text) {
  return R"({"id":")" + id + R"(","text":")" + text + "\"}\n";
}

TEST(DocumentReaderTest, WalksDirectoriesRecursivelyInSortedOrderSkippingHidden) {
  TempDir tmp;
  tmp.Write("b.txt", "bee");
  tmp.Write("a.jsonl", Record("j1", "one") + Record("j2", "two"));
  tmp.Write("a b.txt", "space sorts before dot");
  tmp.Write("Z.txt", "upper case sorts first");
  tmp.Write("sub/c.html", "<p>see</p>");
  tmp.Write("sub/.hidden.txt", "hidden");
  tmp.Write(".git/config.txt", "hidden dir");
  tmp.Write("sub/deeper/d.md", "markdown");
  ReadResult r = ReadAll({tmp.path()});
  const std::string p = tmp.path() + "/";
  EXPECT_EQ(r.Ids(), (Strings{p + "Z.txt", p + "a b.txt", "j1", "j2", p + "b.txt", p + "sub/c.html",
                              p + "sub/deeper/d.md"}));
  ASSERT_EQ(r.docs.size(), 7u);
  for (size_t i = 0; i < r.docs.size(); ++i) EXPECT_EQ(r.docs[i].index, i);
  EXPECT_EQ(r.docs[0].format, DocumentFormat::kAuto);
  EXPECT_EQ(r.docs[0].location.ToString(), p + "Z.txt");
  EXPECT_EQ(r.docs[3].location.ToString(), p + "a.jsonl:2");
  EXPECT_EQ(r.docs[3].content, "two");
  EXPECT_EQ(r.docs[5].format, DocumentFormat::kHtml);
  EXPECT_EQ(r.docs[6].format, DocumentFormat::kAuto);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.stats.documents, 7u);
  EXPECT_EQ(r.stats.skipped, 0u);
}

TEST(DocumentReaderTest, RereadGivesIdenticalSequence) {
  TempDir tmp;
  for (int i = 0; i < 30; ++i) {
    tmp.Write("d" + std::to_string(i % 4) + "/f" + std::to_string(i) + ".jsonl",
              Record("x" + std::to_string(i), "a") + "not json\n" + Record("y" + std::to_string(i), "b"));
  }
  ReadResult first = ReadAll({tmp.path() + "/d3", tmp.path()});
  ReadResult second = ReadAll({tmp.path() + "/d3", tmp.path()});
  ASSERT_EQ(first.docs.size(), second.docs.size());
  for (size_t i = 0; i < first.docs.size(); ++i) {
    EXPECT_EQ(first.docs[i].index, second.docs[i].index);
    EXPECT_EQ(first.docs[i].id, second.docs[i].id);
    EXPECT_EQ(first.docs[i].location.ToString(), second.docs[i].location.ToString());
  }
  EXPECT_EQ(first.ProblemStrings(), second.ProblemStrings());
  EXPECT_EQ(first.stats.skipped, 30u + 7u);
}

TEST(DocumentReaderTest, ReadsGzipAndZstdByExtensionAndByMagic) {
  TempDir tmp;
  std::string jsonl = Record("g1", "gz one") + Record("g2", "gz two");
  tmp.Write("1.jsonl.gz", Gzip(jsonl));
  tmp.Write("2.jsonl.zst", Zstd(Record("z1", "zstd")));
  tmp.Write("3.txt.gz", Gzip("gzipped text"));
  tmp.Write("4.jsonl", Zstd(Record("m1", "misnamed zstd")));  // magic wins
  tmp.Write("5.html.zst", Zstd("<p>x</p>"));
  ReadResult r = ReadAll({tmp.path()});
  EXPECT_EQ(r.Ids(), (Strings{"g1", "g2", "z1", tmp.path() + "/3.txt.gz", "m1", tmp.path() + "/5.html.zst"}));
  ASSERT_EQ(r.docs.size(), 6u);
  EXPECT_EQ(r.docs[3].content, "gzipped text");
  EXPECT_EQ(r.docs[3].format, DocumentFormat::kAuto);
  EXPECT_EQ(r.docs[5].format, DocumentFormat::kHtml);
  EXPECT_TRUE(r.problems.empty());
  auto reader = DocumentReader::Open({tmp.path()}, {});
  ASSERT_TRUE(reader.ok());
  RawDocument doc;
  while (reader.value()->Next(&doc)) {
  }
  // bytes_read counts compressed bytes and reaches total_bytes at the end.
  EXPECT_EQ(reader.value()->stats().bytes_read, reader.value()->total_bytes());
  uint64_t on_disk = 0;
  for (auto& e : std::filesystem::directory_iterator(tmp.path())) on_disk += e.file_size();
  EXPECT_EQ(reader.value()->total_bytes(), on_disk);
  EXPECT_TRUE(reader.value()->rereadable());
}

TEST(DocumentReaderTest, MapsFieldsWithConfigurableNamesAndFallbackIds) {
  TempDir tmp;
  std::string f = tmp.Write("n.ndjson",
                            R"({"key":7,"body":"b","link":"u","from":"S","when":"D","headline":"H"})"
                            "\n\n"
                            R"({"body":"no id"})"
                            "\n");
  ReadOptions o;
  o.id_field = "key";
  o.text_field = "body";
  o.url_field = "link";
  o.source_field = "from";
  o.date_field = "when";
  o.title_field = "headline";
  ReadResult r = ReadAll({f}, o);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "7");
  EXPECT_EQ(r.docs[0].url, "u");
  EXPECT_EQ(r.docs[0].source, "S");
  EXPECT_EQ(r.docs[0].date, "D");
  EXPECT_EQ(r.docs[0].title, "H");
  EXPECT_EQ(r.docs[1].id, f + ":3");  // the blank line 2 still counts
  EXPECT_EQ(r.docs[1].location.line, 3u);
  EXPECT_TRUE(r.problems.empty());
}

TEST(DocumentReaderTest, ReportsEachBadRecordWithItsLineAndKeepsReading) {
  TempDir tmp;
  tmp.Write("bad.jsonl", Record("ok1", "fine") +                // 1
                             "{\"id\":\"x\",\"text\":\"a\"\n" +  // 2 malformed
                             "   \n" +                           // 3 blank: silent
                             "{\"id\":\"y\"}\n" +                // 4 no text
                             "{\"text\":[1]}\n" +                // 5 not a string
                             "{\"text\":\"  \"}\n" +             // 6 empty
                             "{\"text\":\"caf\xe9\"}\n" +        // 7 invalid UTF-8
                             "[]\n" +                            // 8 not an object
                             Record("ok2", "fine too"));         // 9
  ReadOptions o;
  o.repair_invalid_utf8 = false;
  ReadResult r = ReadAll({tmp.path() + "/bad.jsonl"}, o);
  EXPECT_EQ(r.Ids(), (Strings{"ok1", "ok2"}));
  Strings problems = r.ProblemStrings(tmp.path());
  ASSERT_EQ(problems.size(), 6u);
  EXPECT_EQ(problems[0].rfind("bad.jsonl:2: malformed JSON: ", 0), 0u) << problems[0];
  EXPECT_EQ(problems[1], "bad.jsonl:4: no \"text\" or \"html\" field");
  EXPECT_EQ(problems[2], "bad.jsonl:5: field \"text\" is not a string");
  EXPECT_EQ(problems[3], "bad.jsonl:6: empty document");
  EXPECT_EQ(problems[4], "bad.jsonl:7: invalid UTF-8 in JSON line");
  EXPECT_EQ(problems[5], "bad.jsonl:8: JSON line is not an object");
  EXPECT_EQ(r.stats.skipped, 6u);
  EXPECT_EQ(r.stats.documents, 2u);
}

TEST(DocumentReaderTest, SkipsBinaryFiles) {
  TempDir tmp;
  tmp.Write("image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  tmp.Write("ctrl.txt", std::string(100, '\x01') + "abc");
  tmp.Write("data.jsonl", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10));
  tmp.Write("ok.txt", "text");
  ReadResult r = ReadAll({tmp.path()});
  EXPECT_EQ(r.ProblemStrings(tmp.path()),
            (Strings{"ctrl.txt: binary file, skipped", "data.jsonl: binary file, skipped",
                     "image.png: binary file, skipped"}));
  EXPECT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.stats.skipped, 3u);
}

TEST(DocumentReaderTest, ReadsUtf16FilesWithByteOrderMarkButNotAsJsonLines) {
  TempDir tmp;
  const std::string utf16("\xFF\xFE<\0p\0>\0h\0i\0", 12);
  tmp.Write("page.html", utf16);
  tmp.Write("records.jsonl", std::string("\xFF\xFE{\0}\0\n\0", 8));
  ReadResult r = ReadAll({tmp.path()});
  EXPECT_EQ(r.ProblemStrings(tmp.path()), (Strings{"records.jsonl: binary file, skipped"}));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].content, utf16);  // decoded by the clean and extract stages
}

TEST(DocumentReaderTest, ReportsMissingVanishedAndSpecialFiles) {
  TempDir tmp;
  tmp.Write("a.txt", "a");
  std::string gone = tmp.Write("b.txt", "b");
  std::filesystem::create_symlink(tmp.path() + "/nowhere", tmp.path() + "/dangling.txt");
  std::filesystem::create_directory_symlink(tmp.path(), tmp.path() + "/loop");
  ReadResult r;
  ReadOptions o;
  o.on_problem = [&](const ReadProblem& p) { r.problems.push_back(p); };
  auto reader = DocumentReader::Open({tmp.path() + "/missing.jsonl", tmp.path()}, o);
  ASSERT_TRUE(reader.ok());
  std::filesystem::remove(gone);  // vanishes after the walk
  RawDocument doc;
  while (reader.value()->Next(&doc)) r.docs.push_back(doc);
  EXPECT_EQ(r.ProblemStrings(tmp.path()),
            (Strings{"missing.jsonl: cannot stat: No such file or directory",
                     "b.txt: cannot open: No such file or directory",
                     "dangling.txt: cannot stat: No such file or directory",
                     "loop: directory cycle (symbolic link loop), skipped"}));
  EXPECT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(reader.value()->stats().skipped, 4u);
}

TEST(DocumentReaderTest, ReportsPermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores file permissions";
  TempDir tmp;
  std::string f = tmp.Write("secret.txt", "s");
  tmp.Write("locked/x.txt", "x");
  std::filesystem::permissions(f, std::filesystem::perms::none);
  std::filesystem::permissions(tmp.path() + "/locked", std::filesystem::perms::none);
  ReadResult r = ReadAll({tmp.path()});
  EXPECT_EQ(r.ProblemStrings(tmp.path()), (Strings{"locked: cannot read directory: Permission denied",
                                                   "secret.txt: cannot open: Permission denied"}));
}

TEST(DocumentReaderTest, CorruptCompressedFileKeepsDocumentsReadBeforeTheDamage) {
  TempDir tmp;
  std::string jsonl;
  for (int i = 0; i < 20000; ++i) jsonl += Record("r" + std::to_string(i), "text number " + std::to_string(i * 7919));
  std::string gz = Gzip(jsonl), zst = Zstd(jsonl);
  tmp.Write("a.jsonl.gz", gz.substr(0, gz.size() / 2));
  tmp.Write("b.jsonl.zst", zst.substr(0, zst.size() / 2));
  tmp.Write("c.jsonl.gz", "not gzip at all\n");
  tmp.Write("d.jsonl", Record("last", "still read"));
  ReadResult r = ReadAll({tmp.path()});
  Strings problems = r.ProblemStrings(tmp.path());
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_NE(problems[0].find("a.jsonl.gz:"), std::string::npos) << problems[0];
  EXPECT_NE(problems[0].find("truncated gzip data"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("b.jsonl.zst:"), std::string::npos) << problems[1];
  EXPECT_NE(problems[1].find("zstd data"), std::string::npos) << problems[1];
  EXPECT_EQ(problems[2], "c.jsonl.gz: not gzip data (bad magic number)");
  EXPECT_GT(r.docs.size(), 2000u);  // many records before the damage in each file
  EXPECT_EQ(r.docs.back().id, "last");
  EXPECT_EQ(r.stats.skipped, 3u);
}

TEST(DocumentReaderTest, TooLongLineIsSkippedAndTheNextLineRead) {
  TempDir tmp;
  std::string f = tmp.Write("long.jsonl", Record("big", std::string(5000, 'x')) + Record("small", "ok") +
                                              Record("big2", std::string(3000, 'y')));
  ReadOptions o;
  o.max_document_bytes = 1000;
  ReadResult r = ReadAll({f}, o);
  EXPECT_EQ(r.Ids(), (Strings{"small"}));
  EXPECT_EQ(r.ProblemStrings(tmp.path()), (Strings{"long.jsonl:1: too large (5022 bytes, limit 1000)",
                                                   "long.jsonl:3: too large (3023 bytes, limit 1000)"}));
  EXPECT_EQ(r.docs[0].location.line, 2u);
}

TEST(DocumentReaderTest, TooLargeWholeFilesAreSkipped) {
  TempDir tmp;
  tmp.Write("big.txt", std::string(2000, 'a'));
  tmp.Write("big2.txt.gz", Gzip(std::string(3000, 'b')));
  tmp.Write("small.txt", "fits");
  ReadOptions o;
  o.max_document_bytes = 1000;
  ReadResult r = ReadAll({tmp.path()}, o);
  EXPECT_EQ(r.ProblemStrings(tmp.path()), (Strings{"big.txt: too large (2000 bytes, limit 1000)",
                                                   "big2.txt.gz: too large (3000 bytes, limit 1000)"}));
  EXPECT_EQ(r.docs.size(), 1u);
}

TEST(DocumentReaderTest, EmptyDocumentsAreReported) {
  TempDir tmp;
  tmp.Write("blank.txt", " \n\t\n");
  tmp.Write("zero.html", "");
  tmp.Write("zero.jsonl", "");  // no records: nothing to report
  tmp.Write("zero.txt.gz", Gzip(""));
  ReadResult r = ReadAll({tmp.path()});
  EXPECT_EQ(r.ProblemStrings(tmp.path()),
            (Strings{"blank.txt: empty document", "zero.html: empty document", "zero.txt.gz: empty document"}));
  EXPECT_TRUE(r.docs.empty());
}

TEST(DocumentReaderTest, ReadsHundredMegabyteDocuments) {
  TempDir tmp;
  const std::string text(100u << 20, 'w');
  tmp.Write("huge.txt", text);
  tmp.Write("huge.jsonl", Record("h", text) + Record("after", "small"));
  ReadResult r = ReadAll({tmp.path()});
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[0].id, "h");
  EXPECT_EQ(r.docs[0].content.size(), text.size());
  EXPECT_EQ(r.docs[1].id, "after");
  EXPECT_EQ(r.docs[2].content.size(), text.size());
  EXPECT_TRUE(r.problems.empty());
}

// Runs ReadAll({"-"}) with stdin redirected from a file holding `data`.
ReadResult ReadStdin(const std::string& data, bool* rereadable, uint64_t* total) {
  TempDir tmp;
  std::string f = tmp.Write("stdin", data);
  int saved = ::dup(STDIN_FILENO);
  int fd = ::open(f.c_str(), O_RDONLY);
  ::dup2(fd, STDIN_FILENO);
  ::close(fd);
  ReadResult r;
  ReadOptions o;
  o.on_problem = [&](const ReadProblem& p) { r.problems.push_back(p); };
  auto reader = DocumentReader::Open({"-"}, o);
  EXPECT_TRUE(reader.ok());
  RawDocument doc;
  while (reader.value()->Next(&doc)) r.docs.push_back(doc);
  *rereadable = reader.value()->rereadable();
  *total = reader.value()->total_bytes();
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  return r;
}

TEST(DocumentReaderTest, StdinIsJsonLinesWhenItStartsWithABrace) {
  bool rereadable = true;
  uint64_t total = 1;
  ReadResult r = ReadStdin("\n  " + Record("s1", "one") + "oops\n" + Record("s2", "two"), &rereadable, &total);
  EXPECT_EQ(r.Ids(), (Strings{"s1", "s2"}));
  EXPECT_EQ(r.ProblemStrings().size(), 1u);
  EXPECT_EQ(r.problems[0].where.ToString(), "-:3");
  EXPECT_FALSE(rereadable);
  EXPECT_EQ(total, 0u);
}

TEST(DocumentReaderTest, StdinIsOneDocumentOtherwiseAndMayBeCompressed) {
  bool rereadable = true;
  uint64_t total = 1;
  ReadResult r = ReadStdin("Just some text.\n{not json}\n", &rereadable, &total);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "-");
  EXPECT_EQ(r.docs[0].format, DocumentFormat::kAuto);
  EXPECT_EQ(r.docs[0].content, "Just some text.\n{not json}\n");
  r = ReadStdin(Gzip(Record("c", "compressed stdin")), &rereadable, &total);
  EXPECT_EQ(r.Ids(), (Strings{"c"}));
}

TEST(DocumentReaderTest, ByteOrderMarkBeforeJsonLinesIsIgnored) {
  TempDir tmp;
  tmp.Write("bom.jsonl", "\xEF\xBB\xBF" + Record("b", "x"));
  EXPECT_EQ(ReadAll({tmp.path()}).Ids(), (Strings{"b"}));
  bool rereadable;
  uint64_t total;
  EXPECT_EQ(ReadStdin("\xEF\xBB\xBF" + Record("s", "x"), &rereadable, &total).Ids(), (Strings{"s"}));
}

TEST(DocumentReaderTest, OpenRejectsBadArguments) {
  EXPECT_EQ(DocumentReader::Open({}, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DocumentReader::Open({"-", "-"}, {}).status().code(), StatusCode::kInvalidArgument);
  ReadOptions o;
  o.max_document_bytes = 0;
  EXPECT_EQ(DocumentReader::Open({"x"}, o).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace reprint::read

namespace reprint::read {
namespace {

TEST(DocumentReaderTest, ReadsTheShippedExamplesWithoutProblems) {
  const std::string examples = std::string(REPRINT_SOURCE_DIR) + "/examples";
  if (!std::filesystem::exists(examples + "/feed.jsonl")) GTEST_SKIP() << "no examples/feed.jsonl";
  ReadResult r = ReadAll({examples});
  EXPECT_EQ(r.ProblemStrings(), Strings{});
  bool found = false;
  for (const RawDocument& d : r.docs) found |= d.id == "npa-20250314-0412";
  EXPECT_TRUE(found);
  ReadResult again = ReadAll({examples});
  EXPECT_EQ(r.Ids(), again.Ids());
}

}  // namespace
}  // namespace reprint::read
