// The service's routes in one table: the path patterns handlers are
// registered with, the endpoint names metrics are labelled with, and the
// methods each path allows (for 405 and its Allow header).
#pragma once

#include <string>
#include <string_view>

namespace reprint::serve {

enum class Endpoint {
  kPostDocuments,
  kGetDocument,
  kDeleteDocument,
  kGetCluster,
  kGetStory,
  kHealth,
  kMetrics,
  kOther,  // unknown paths and methods
};
constexpr int kEndpointCount = static_cast<int>(Endpoint::kOther) + 1;

// Path patterns (std::regex, matched against the whole decoded path).
// Document ids may contain '/' (file paths are ids in `dedup`): clients send
// them percent-encoded and the capture takes the rest of the path.
inline constexpr const char* kDocumentsPath = "/v1/documents";
inline constexpr const char* kDocumentPath = "/v1/documents/(.+)";
inline constexpr const char* kClusterPath = "/v1/clusters/([0-9]+)";
inline constexpr const char* kStoryPath = "/v1/stories/([0-9]+)";
inline constexpr const char* kHealthPath = "/v1/health";
inline constexpr const char* kMetricsPath = "/metrics";

// "post_documents", "get_document", ...: the metrics label.
std::string_view EndpointName(Endpoint endpoint);

// The endpoint serving `method` on `path`; kOther when none does.
Endpoint ClassifyRequest(std::string_view method, const std::string& path);

// The methods allowed on `path` ("GET, DELETE"); empty when no route has it.
std::string AllowedMethods(const std::string& path);

}  // namespace reprint::serve
