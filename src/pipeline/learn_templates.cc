// LearnTemplates(): the first of two passes when templates are removed. It
// cleans documents on the pipeline's ordered batches and feeds the learner in
// input order, so the templates do not depend on the number of threads.
#include <algorithm>
#include <thread>

#include "clean/charset.h"
#include "clean/format_detect.h"
#include "pipeline/ordered_batches.h"
#include "reprint/corpus.h"

namespace reprint {
namespace {

// A page may name its site by its canonical URL. UTF-16 content cannot be
// sniffed before decoding, so it counts as a possible page.
bool MayBePage(const RawDocument& raw) {
  return clean::HasUtf16Bom(raw.content) || clean::ReadAsHtml(raw.format, raw.content);
}

struct SourcedText {
  std::string source_key;  // "" when the document has no source or failed
  std::string text;
};

}  // namespace

Result<SourceTemplates> LearnTemplates(const std::vector<std::string>& inputs, const CorpusOptions& options,
                                       const TemplateOptions& templates) {
  if (std::find(inputs.begin(), inputs.end(), "-") != inputs.end()) {
    return Status::InvalidArgument("template detection reads the input twice, which stdin (-) cannot be");
  }
  ReadOptions read = options.read;
  read.on_problem = nullptr;
  Result<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(inputs, read);
  if (!reader.ok()) return reader.status();
  CleanOptions clean = options.clean;
  clean.templates = nullptr;
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  using Output = std::vector<SourcedText>;
  pipeline::OrderedBatches<Cleaner, Output> batches(
      threads, [&clean] { return std::make_unique<Cleaner>(clean); },
      [](Cleaner& cleaner, pipeline::Batch& batch, Output* out) {
        out->resize(batch.size());
        CleanDocument doc;
        for (size_t i = 0; i < batch.size(); ++i) {
          SourcedText& sourced = (*out)[i];
          sourced.source_key.clear();
          // Text without a source or URL has none; a page may name its own
          // (canonical URL), which only cleaning finds.
          const RawDocument& raw = batch[i];
          if (raw.source.empty() && raw.url.empty() && !MayBePage(raw)) continue;
          if (!cleaner.Clean(raw, &doc).ok()) continue;
          sourced.source_key = TemplateSourceKey(raw.source, doc.url);
          sourced.text.swap(doc.text);
        }
      });
  TemplateLearner learner(templates);
  batches.Run(
      *reader.value(),
      [&learner](pipeline::Batch&, Output& out) {
        for (const SourcedText& doc : out) learner.Observe(doc.source_key, doc.text);
      },
      [] { return false; });
  return learner.Templates();
}

}  // namespace reprint
