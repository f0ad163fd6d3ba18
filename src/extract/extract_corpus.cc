// ExtractCorpus(): the extract stage over a whole corpus, on the pipeline's
// ordered batches (one Extractor per worker, outputs consumed in input order).
#include <algorithm>
#include <thread>

#include "pipeline/ordered_batches.h"
#include "reprint/extractor.h"

namespace reprint {
namespace {

struct ExtractedDoc {
  Article article;
  Status status;
};

}  // namespace

Status ExtractCorpus(const std::vector<std::string>& inputs, const CorpusOptions& options,
                     const ExtractOptions& extract,
                     const std::function<void(const RawDocument&, const Article&)>& visit, CorpusStats* stats) {
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
  using Output = std::vector<ExtractedDoc>;
  pipeline::OrderedBatches<Extractor, Output> batches(
      threads, [&extract] { return std::make_unique<Extractor>(extract); },
      [](Extractor& extractor, pipeline::Batch& batch, Output* out) {
        out->resize(batch.size());
        for (size_t i = 0; i < batch.size(); ++i) {
          ExtractedDoc& done = (*out)[i];
          done.status = extractor.Extract(batch[i], &done.article);
        }
      });
  batches.Run(
      *reader.value(),
      [&](pipeline::Batch& batch, Output& out) {
        for (size_t i = 0; i < out.size(); ++i) {
          ++stats->documents;
          if (out[i].status.ok()) {
            stats->template_paragraphs += out[i].article.template_paragraphs;
            visit(batch[i], out[i].article);
          } else {
            read.on_problem({batch[i].location, out[i].status.ToString()});
          }
        }
      },
      [&stop] { return stop; });
  stats->input_bytes = reader.value()->stats().bytes_read;
  if (stop) return Status::MalformedInput("stopped at the first skipped record (strict mode)");
  return Status::Ok();
}

}  // namespace reprint
