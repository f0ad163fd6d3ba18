#include "ingest.h"

#include <string>

namespace reprint::serve {

Status IngestDocuments(CopyIndex* index, std::vector<RawDocument> documents, bool dry_run,
                       std::vector<DocumentAnswer>* answers) {
  answers->assign(documents.size(), DocumentAnswer{});
  std::vector<PreparedDocument> prepared;
  std::vector<size_t> prepared_position;  // index into `documents` of each prepared one
  prepared.reserve(documents.size());
  for (size_t i = 0; i < documents.size(); ++i) {
    (*answers)[i].id = documents[i].id;
    Result<PreparedDocument> doc = index->Prepare(documents[i], /*with_story_terms=*/!dry_run);
    documents[i].content = std::string();  // the raw text is no longer needed: free it early
    if (!doc.ok()) {
      (*answers)[i].problem = doc.status().message();
      continue;
    }
    prepared.push_back(std::move(doc).value());
    prepared_position.push_back(i);
  }
  if (prepared.empty()) return Status::Ok();

  if (dry_run) {
    for (size_t k = 0; k < prepared.size(); ++k) {
      DocumentAnswer& answer = (*answers)[prepared_position[k]];
      std::string id = std::move(answer.id);
      Status s = index->Query(prepared[k], &answer);
      if (!s.ok()) return s;
      if (answer.id.empty()) answer.id = std::move(id);
    }
    return Status::Ok();
  }
  std::vector<DocumentAnswer> added;
  Status s = index->Add(std::move(prepared), &added);
  if (!s.ok()) return s;
  for (size_t k = 0; k < added.size() && k < prepared_position.size(); ++k) {
    DocumentAnswer& answer = (*answers)[prepared_position[k]];
    if (added[k].id.empty()) added[k].id = std::move(answer.id);
    answer = std::move(added[k]);
  }
  return Status::Ok();
}

}  // namespace reprint::serve
