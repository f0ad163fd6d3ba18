// The --templates flag of extract, clean and dedup: learn the sources'
// templates in a first pass over the input before the real pass.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "commands.h"
#include "reprint/corpus.h"

namespace reprint::cli {

// Sets *templates to the templates learnt from args.inputs, or leaves it null
// when min_documents is 0 or an input is stdin (then says so on stderr unless
// quiet). Returns false after printing the error when the pass failed.
bool LearnTemplatesIfAsked(const CommonArgs& args, const CorpusOptions& options, unsigned min_documents,
                           std::shared_ptr<const SourceTemplates>* templates);

// "; removed N template paragraphs (M learnt)" for a command's summary line.
std::string TemplateSummary(const SourceTemplates& templates, uint64_t removed);

}  // namespace reprint::cli
