#include "pipeline/ordered_batches.h"
#include "reprint/corpus.h"

namespace reprint {
namespace {

struct CleanedDoc {
  uint64_t index = 0;
  CleanDocument doc;
  Status status;
  SourceLocation location;
};

}  // namespace

Status CleanCorpus(const std::vector<std::string>& inputs, const CorpusOptions& options,
                   const std::function<void(uint64_t, const CleanDocument&)>& visit, CorpusStats* stats) {
  bool stop = false;
  ReadOptions read = options.read;
  read.on_problem = [&](const ReadProblem& problem) {
    ++stats->skipped;
    if (options.read.on_problem) options.read.on_problem(problem);
    stop = stop || options.strict;
  };
  Result<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(inputs, read);
  if (!reader.ok()) return reader.status();
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  using Output = std::vector<CleanedDoc>;
  pipeline::OrderedBatches<Cleaner, Output> batches(
      threads, [&options] { return std::make_unique<Cleaner>(options.clean); },
      [](Cleaner& cleaner, pipeline::Batch& batch, Output* out) {
        out->resize(batch.size());
        for (size_t i = 0; i < batch.size(); ++i) {
          CleanedDoc& cleaned = (*out)[i];
          cleaned.index = batch[i].index;
          cleaned.location = batch[i].location;
          cleaned.status = cleaner.Clean(batch[i], &cleaned.doc);
        }
      });
  batches.Run(
      *reader.value(),
      [&](pipeline::Batch&, Output& out) {
        for (CleanedDoc& cleaned : out) {
          ++stats->documents;
          if (cleaned.status.ok()) {
            stats->template_paragraphs += cleaned.doc.template_paragraphs;
            visit(cleaned.index, cleaned.doc);
          } else {
            read.on_problem({cleaned.location, cleaned.status.ToString()});
          }
        }
      },
      [&stop] { return stop; });
  stats->input_bytes = reader.value()->stats().bytes_read;
  if (stop) return Status::MalformedInput("stopped at the first skipped record (strict mode)");
  return Status::Ok();
}

}  // namespace reprint
