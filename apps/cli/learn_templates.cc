#include "learn_templates.h"

#include <algorithm>
#include <cstdio>

#include "progress.h"

namespace reprint::cli {

bool LearnTemplatesIfAsked(const CommonArgs& args, const CorpusOptions& options, unsigned min_documents,
                           std::shared_ptr<const SourceTemplates>* templates) {
  templates->reset();
  if (min_documents == 0) return true;
  if (std::find(args.inputs.begin(), args.inputs.end(), "-") != args.inputs.end()) {
    if (!args.quiet) std::fprintf(stderr, "reprint: note: --templates is off for stdin (it reads the input twice)\n");
    return true;
  }
  TemplateOptions template_options;
  template_options.min_documents = min_documents;
  Result<SourceTemplates> learnt = LearnTemplates(args.inputs, options, template_options);
  if (!learnt.ok()) {
    std::fprintf(stderr, "reprint: %s\n", learnt.status().ToString().c_str());
    return false;
  }
  *templates = std::make_shared<const SourceTemplates>(std::move(learnt.value()));
  return true;
}

std::string TemplateSummary(const SourceTemplates& templates, uint64_t removed) {
  return "; removed " + WithThousands(removed) + " template paragraphs (" + WithThousands(templates.size()) +
         " learnt)";
}

}  // namespace reprint::cli
