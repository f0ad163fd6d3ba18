// HttpService: the endpoints of `reprint serve`, registered on an
// httplib::Server, over one CopyIndex.
//
//   POST   /v1/documents          add (or ?dry_run=1: query) one or many documents
//   GET    /v1/documents/{id}     metadata, cluster and story (?text=1: the clean text)
//   DELETE /v1/documents/{id}
//   GET    /v1/clusters/{id}      canonical and members with relation, scores, coverage
//   GET    /v1/stories/{id}       label, size, members (?limit=N)
//   GET    /v1/health
//   GET    /metrics               Prometheus text format
//
// Every error is JSON {"error": "..."}: 400 bad body or parameter, 401 token
// missing or wrong, 404, 405, 413 body over the limit, 429 the index's write
// queue is full, 503 too many requests in flight, 500 anything else.
//
// The CPU-heavy part of ingest, cleaning and fingerprinting (Prepare), runs
// in the handler's own thread, so requests prepare in parallel; the index
// then groups their writes into shared commits.
//
// Thread safety: handlers run on httplib's worker threads concurrently; the
// service's state is atomics, ServiceMetrics and the thread-safe CopyIndex.
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "bearer_token.h"
#include "reprint/copy_index.h"
#include "service_metrics.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace reprint::serve {

struct ServiceLimits {
  int max_inflight = 32;
  // Documents in one POST; more get 413 (the index could never queue them).
  size_t max_documents_per_request = 4096;
  size_t max_story_members = 10000;
};

class HttpService {
 public:
  // `index` must outlive the service; `token` empty: no authentication.
  HttpService(CopyIndex* index, std::optional<BearerToken> token, ServiceLimits limits);

  // Registers the routes, the JSON error pages and the request metrics.
  void Register(httplib::Server* server);

 private:
  class Admission;

  void PostDocuments(const httplib::Request& req, httplib::Response& res);
  void GetDocument(const httplib::Request& req, httplib::Response& res);
  void DeleteDocument(const httplib::Request& req, httplib::Response& res);
  void GetCluster(const httplib::Request& req, httplib::Response& res);
  void GetStory(const httplib::Request& req, httplib::Response& res);
  void Health(const httplib::Request& req, httplib::Response& res);
  void Metrics(const httplib::Request& req, httplib::Response& res);

  // Returns true iff the request may proceed; otherwise fills `res` with 401.
  bool Authorized(const httplib::Request& req, httplib::Response& res) const;
  // Fills an error page for httplib's own rejections (404, 405, 413, 400).
  void FillErrorPage(const httplib::Request& req, httplib::Response& res) const;
  void RecordRequest(const httplib::Request& req, const httplib::Response& res);

  CopyIndex* index_;
  std::optional<BearerToken> token_;
  ServiceLimits limits_;
  std::atomic<int> inflight_{0};
  ServiceMetrics metrics_;
};

}  // namespace reprint::serve
