// JSON for the library's answers, as the service returns them. Field names
// follow `reprint dedup` output where both have a field (relation names,
// jaccard/containment rounded to four places).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "reprint/copy_index.h"

namespace reprint::serve {

using Json = nlohmann::ordered_json;

// {id, stored, replaced, copy_of, relation, scores, cluster, story, matches[, problem]}
Json AnswerJson(const DocumentAnswer& answer);
// Metadata, cluster and story ids; the clean text when `with_text`.
Json StoredDocumentJson(const StoredDocument& doc, bool with_text);
// {id, size, canonical, members: [{id, relation, jaccard, containment, coverage}]}
Json ClusterJson(const ClusterInfo& cluster);
// {id, size, label, members}
Json StoryJson(const StoryInfo& story);

// {"error": message}
std::string ErrorBody(const std::string& message);
// Serialises; invalid UTF-8 (which no answer should hold) becomes U+FFFD
// instead of an exception.
std::string Serialize(const Json& j);

}  // namespace reprint::serve
