#include "routes.h"

#include <regex>
#include <vector>

namespace reprint::serve {
namespace {

struct Route {
  std::string_view method;
  const char* pattern;
  Endpoint endpoint;
};

constexpr Route kRoutes[] = {
    {"POST", kDocumentsPath, Endpoint::kPostDocuments}, {"GET", kDocumentPath, Endpoint::kGetDocument},
    {"DELETE", kDocumentPath, Endpoint::kDeleteDocument}, {"GET", kClusterPath, Endpoint::kGetCluster},
    {"GET", kStoryPath, Endpoint::kGetStory},           {"GET", kHealthPath, Endpoint::kHealth},
    {"GET", kMetricsPath, Endpoint::kMetrics},
};

// Compiled once: std::regex construction costs far more than a match.
const std::regex& CompiledPattern(size_t route) {
  static const auto* compiled = [] {
    auto* patterns = new std::vector<std::regex>;
    for (const Route& r : kRoutes) patterns->emplace_back(r.pattern);
    return patterns;
  }();
  return (*compiled)[route];
}

}  // namespace

std::string_view EndpointName(Endpoint endpoint) {
  switch (endpoint) {
    case Endpoint::kPostDocuments: return "post_documents";
    case Endpoint::kGetDocument: return "get_document";
    case Endpoint::kDeleteDocument: return "delete_document";
    case Endpoint::kGetCluster: return "get_cluster";
    case Endpoint::kGetStory: return "get_story";
    case Endpoint::kHealth: return "health";
    case Endpoint::kMetrics: return "metrics";
    case Endpoint::kOther: break;
  }
  return "other";
}

Endpoint ClassifyRequest(std::string_view method, const std::string& path) {
  if (method == "HEAD") method = "GET";  // httplib serves HEAD with the GET handlers
  for (size_t i = 0; i < std::size(kRoutes); ++i)
    if (kRoutes[i].method == method && std::regex_match(path, CompiledPattern(i))) return kRoutes[i].endpoint;
  return Endpoint::kOther;
}

std::string AllowedMethods(const std::string& path) {
  std::string allowed;
  for (size_t i = 0; i < std::size(kRoutes); ++i) {
    if (!std::regex_match(path, CompiledPattern(i))) continue;
    if (!allowed.empty()) allowed += ", ";
    allowed += kRoutes[i].method;
  }
  return allowed;
}

}  // namespace reprint::serve
