#include "index_commands.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <thread>

#include "answer_json.h"
#include "output_file.h"
#include "problem_log.h"
#include "progress.h"
#include "reprint/reader.h"

namespace reprint::cli {
namespace {

// Only `index add` creates an index: the other commands on a mistyped
// directory would otherwise answer from a new, empty one.
Result<std::unique_ptr<CopyIndex>> OpenIndex(IndexArgs& args, bool create = false) {
  if (!create && !std::filesystem::exists(std::filesystem::path(args.index_dir) / "CURRENT"))
    return Status::NotFound("no index in " + args.index_dir + " (`reprint index add` creates one)");
  args.options.sync_writes = !args.no_sync;
  args.options.create_if_missing = create;
  return CopyIndex::Open(args.index_dir, args.options);
}

int Fail(const Status& status) {
  std::fprintf(stderr, "reprint: %s\n", status.ToString().c_str());
  return 2;
}

// Prepares a batch on all threads; a document that cannot be cleaned is
// reported and left out.
std::vector<PreparedDocument> PrepareBatch(const CopyIndex& index, std::vector<RawDocument>* raw, unsigned threads,
                                           bool with_story_terms, ProblemLog* log) {
  std::vector<std::optional<Result<PreparedDocument>>> prepared(raw->size());
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      for (size_t i = t; i < raw->size(); i += threads) prepared[i].emplace(index.Prepare((*raw)[i], with_story_terms));
    });
  for (auto& w : workers) w.join();
  std::vector<PreparedDocument> out;
  for (size_t i = 0; i < raw->size(); ++i) {
    if (prepared[i]->ok()) out.push_back(std::move(*prepared[i]).value());
    else log->Report({(*raw)[i].location, prepared[i]->status().ToString()});
  }
  return out;
}

struct Tally {
  uint64_t documents = 0, stored = 0, copies = 0, empty = 0;
  void Count(const DocumentAnswer& a) {
    ++documents;
    stored += a.stored;
    copies += !a.copy_of.empty();
    empty += !a.problem.empty();
  }
};

// Reads the inputs in batches and adds (or queries) each batch, writing one
// answer per document as JSON Lines.
int Stream(IndexArgs& args, bool dry_run) {
  ProblemLog log;
  ReadOptions read = args.common.read;
  read.on_problem = [&log](const ReadProblem& p) { log.Report(p); };
  auto reader = DocumentReader::Open(args.common.inputs, read);
  if (!reader.ok()) return Fail(reader.status());
  auto index = OpenIndex(args, /*create=*/!dry_run);
  if (!index.ok()) return Fail(index.status());
  OutputFile out(args.common.output);
  if (!out.ok()) return Fail(Status::IoError(out.error()));
  const unsigned threads = args.common.threads ? args.common.threads : std::max(1u, std::thread::hardware_concurrency());
  Tally tally;
  std::vector<RawDocument> batch;
  bool more = true;
  while (more && !(args.common.strict && log.total() > 0)) {
    batch.clear();
    RawDocument doc;
    while (batch.size() < args.batch && (more = reader.value()->Next(&doc))) batch.push_back(std::move(doc));
    std::vector<PreparedDocument> prepared = PrepareBatch(*index.value(), &batch, threads, !dry_run, &log);
    std::vector<DocumentAnswer> answers(prepared.size());
    if (dry_run) {
      for (size_t i = 0; i < prepared.size(); ++i)
        if (Status s = index.value()->Query(prepared[i], &answers[i]); !s.ok()) return Fail(s);
    } else if (Status s = index.value()->Add(std::move(prepared), &answers); !s.ok()) {
      return Fail(s);
    }
    for (const DocumentAnswer& a : answers) {
      tally.Count(a);
      out.WriteLine(serve::Serialize(serve::AnswerJson(a)));
    }
  }
  if (!out.Close()) return Fail(Status::IoError(out.error()));
  if (!args.common.quiet) {
    std::string summary = dry_run ? "reprint: queried " + WithThousands(tally.documents) + " documents"
                                  : "reprint: added " + WithThousands(tally.stored) + " of " + WithThousands(tally.documents) + " documents";
    summary += "; " + WithThousands(tally.copies) + " are copies; " + WithThousands(tally.empty) + " had no text";
    if (log.total() > 0) summary += "; " + log.Summary();
    std::fprintf(stderr, "%s. Index: %s documents.\n", summary.c_str(),
                 WithThousands(index.value()->Stats().documents).c_str());
  }
  return log.total() > 0 ? 1 : 0;
}

}  // namespace

int RunIndexAdd(IndexArgs& args) { return Stream(args, false); }
int RunIndexQuery(IndexArgs& args) { return Stream(args, true); }

int RunIndexDelete(IndexArgs& args) {
  auto index = OpenIndex(args);
  if (!index.ok()) return Fail(index.status());
  int missing = 0;
  for (const std::string& id : args.ids) {
    Status s = index.value()->Delete(id);
    if (s.code() == StatusCode::kNotFound) {
      std::fprintf(stderr, "reprint: %s\n", s.message().c_str());
      ++missing;
    } else if (!s.ok()) {
      return Fail(s);
    }
  }
  uint64_t expired = 0;
  if (args.older_than_days >= 0) {
    const auto today = static_cast<int32_t>(std::time(nullptr) / 86400);
    auto removed = index.value()->DeleteBefore(today - args.older_than_days);
    if (!removed.ok()) return Fail(removed.status());
    expired = removed.value();
  }
  if (!args.common.quiet)
    std::fprintf(stderr, "reprint: deleted %zu documents by id (%d not found), %s by age.\n",
                 args.ids.size() - static_cast<size_t>(missing), missing, WithThousands(expired).c_str());
  return missing > 0 ? 1 : 0;
}

int RunIndexStats(IndexArgs& args) {
  auto index = OpenIndex(args);
  if (!index.ok()) return Fail(index.status());
  const CopyIndexStats s = index.value()->Stats();
  serve::Json j;
  j["documents"] = s.documents;
  j["clusters"] = s.clusters;
  j["clustered_documents"] = s.clustered_documents;
  j["stories"] = s.stories;
  j["capped_keys"] = s.capped_keys;
  j["disk_bytes"] = s.disk_bytes;
  j["cache_bytes_used"] = s.cache_bytes_used;
  j["memtable_bytes"] = s.memtable_bytes;
  std::printf("%s\n", serve::Serialize(j).c_str());
  return 0;
}

int RunIndexCheck(IndexArgs& args) {
  auto index = OpenIndex(args);
  if (!index.ok()) return Fail(index.status());
  Status s = index.value()->CheckConsistency();
  if (!s.ok()) {
    std::fprintf(stderr, "reprint: index is inconsistent: %s\n", s.ToString().c_str());
    return 1;
  }
  if (!args.common.quiet)
    std::fprintf(stderr, "reprint: index is consistent (%s documents).\n",
                 WithThousands(index.value()->Stats().documents).c_str());
  return 0;
}

int RunIndexCompact(IndexArgs& args) {
  auto index = OpenIndex(args);
  if (!index.ok()) return Fail(index.status());
  if (Status s = index.value()->Compact(); !s.ok()) return Fail(s);
  if (!args.common.quiet)
    std::fprintf(stderr, "reprint: index compacted (%s on disk).\n",
                 WithThousands(index.value()->Stats().disk_bytes).c_str());
  return 0;
}

}  // namespace reprint::cli
