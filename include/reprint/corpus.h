// CleanCorpus(): read and clean a whole corpus in parallel, visiting the clean
// documents in input order (for `reprint clean`, for writing a deduplicated
// corpus, and for any caller that wants article text at full speed).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "reprint/cleaner.h"
#include "reprint/reader.h"
#include "reprint/status.h"

namespace reprint {

struct CorpusOptions {
  ReadOptions read;
  CleanOptions clean;
  unsigned threads = 0;  // 0: all cores
  bool strict = false;   // stop at the first skipped record
};

struct CorpusStats {
  uint64_t documents = 0;
  uint64_t skipped = 0;  // unreadable records plus documents that could not be cleaned
  uint64_t input_bytes = 0;
  uint64_t template_paragraphs = 0;  // removed as their source's template
};

// Calls visit(index, document) for every document that could be cleaned, in
// input order, from the calling thread. Problems go to options.read.on_problem.
Status CleanCorpus(const std::vector<std::string>& inputs, const CorpusOptions& options,
                   const std::function<void(uint64_t index, const CleanDocument&)>& visit, CorpusStats* stats);

// Learns the sources' template paragraphs (reprint/templates.h) from a pass
// over `inputs` cleaned as CleanCorpus() cleans them; pass the result to
// CleanOptions::templates or ExtractOptions::templates for the real pass.
// Plain-text records without a source or URL are read but not cleaned;
// pages may still name their site by their canonical URL. Problems are not
// reported: the real pass reports them. The inputs must be readable twice:
// stdin ("-") is refused with kInvalidArgument.
Result<SourceTemplates> LearnTemplates(const std::vector<std::string>& inputs, const CorpusOptions& options,
                                       const TemplateOptions& templates);

}  // namespace reprint
