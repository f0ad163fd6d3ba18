#include "answer_json.h"

#include <cmath>

namespace reprint::serve {
namespace {

double Rounded(double x) { return std::round(x * 10000.0) / 10000.0; }

Json ScoresJson(const PairScores& scores) {
  return Json{{"jaccard", Rounded(scores.jaccard)}, {"containment", Rounded(scores.containment)}};
}

// Ids 0 mean "none" in the library; JSON says null.
Json IdOrNull(uint64_t id) { return id == 0 ? Json(nullptr) : Json(id); }

}  // namespace

Json AnswerJson(const DocumentAnswer& answer) {
  Json j;
  j["id"] = answer.id;
  j["stored"] = answer.stored;
  j["replaced"] = answer.replaced;
  j["copy_of"] = answer.copy_of.empty() ? Json(nullptr) : Json(answer.copy_of);
  j["relation"] = std::string(RelationName(answer.relation));
  j["scores"] = answer.copy_of.empty() ? Json(nullptr) : ScoresJson(answer.scores);
  j["cluster"] = answer.cluster_id == 0 ? Json(nullptr)
                                        : Json{{"id", answer.cluster_id}, {"size", answer.cluster_size}};
  j["story"] = IdOrNull(answer.story_id);
  Json matches = Json::array();
  for (const DocumentMatch& m : answer.matches) {
    Json match{{"id", m.id}, {"relation", std::string(RelationName(m.relation))}};
    match.update(ScoresJson(m.scores));
    matches.push_back(std::move(match));
  }
  j["matches"] = std::move(matches);
  if (!answer.problem.empty()) j["problem"] = answer.problem;
  return j;
}

Json StoredDocumentJson(const StoredDocument& doc, bool with_text) {
  Json j;
  j["id"] = doc.id;
  j["url"] = doc.url;
  j["source"] = doc.source;
  j["date"] = doc.date;
  j["title"] = doc.title;
  j["ingested_at"] = doc.ingested_at;
  j["text_bytes"] = doc.text_bytes;
  j["shingles"] = doc.shingle_count;
  j["cluster"] = IdOrNull(doc.cluster_id);
  j["story"] = IdOrNull(doc.story_id);
  if (with_text) j["text"] = doc.text;
  return j;
}

Json ClusterJson(const ClusterInfo& cluster) {
  Json j;
  j["id"] = cluster.id;
  j["size"] = cluster.members.size();
  j["canonical"] = cluster.canonical;
  Json members = Json::array();
  for (const ClusterMemberInfo& m : cluster.members) {
    Json member{{"id", m.id}, {"relation", std::string(RelationName(m.relation))}};
    if (m.relation != Relation::kCanonical) {
      member.update(ScoresJson(m.scores));
      member["coverage"] = Rounded(m.coverage);
    }
    members.push_back(std::move(member));
  }
  j["members"] = std::move(members);
  return j;
}

Json StoryJson(const StoryInfo& story) {
  return Json{{"id", story.id}, {"size", story.size}, {"label", story.label}, {"members", story.members}};
}

std::string ErrorBody(const std::string& message) { return Serialize(Json{{"error", message}}); }

std::string Serialize(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

}  // namespace reprint::serve
