#include "http_service.h"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <chrono>

#include "answer_json.h"
#include "ingest.h"
#include "request_body.h"
#include "routes.h"

namespace reprint::serve {
namespace {

using httplib::Request;
using httplib::Response;
using Clock = std::chrono::steady_clock;

constexpr const char* kJsonType = "application/json";

// When the current request was routed. httplib serves a request from start
// to finish on one worker thread, so a thread-local links the pre-routing
// hook to the logger that runs after the response is written.
thread_local Clock::time_point request_start{};

void SendJson(Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(Serialize(body), kJsonType);
}

void SendError(Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(ErrorBody(message), kJsonType);
}

int HttpStatusOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kMalformedInput: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kTooLarge: return 413;
    case StatusCode::kBusy: return 429;
    default: return 500;
  }
}

void SendStatus(Response& res, const Status& status) {
  const int code = HttpStatusOf(status);
  // Back-pressure: tell well-behaved clients when to come back.
  if (code == 429) res.set_header("Retry-After", "1");
  SendError(res, code, status.message());
}

bool FlagParam(const Request& req, const char* name) {
  const std::string value = req.get_param_value(name);
  return value == "1" || value == "true" || value == "yes";
}

// Parses a decimal uint64; false on anything else (including overflow).
bool ParseUint(const std::string& text, uint64_t* value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  return ec == std::errc() && ptr == end && !text.empty();
}

}  // namespace

// Counts a request as in flight for its lifetime; admitted() is false when
// it would exceed the limit (it still counts until destroyed, which keeps
// the arithmetic a single atomic add).
class HttpService::Admission {
 public:
  explicit Admission(HttpService* service)
      : service_(service), admitted_(service->inflight_.fetch_add(1) < service->limits_.max_inflight) {}
  ~Admission() { service_->inflight_.fetch_sub(1); }
  Admission(const Admission&) = delete;
  Admission& operator=(const Admission&) = delete;
  bool admitted() const { return admitted_; }

 private:
  HttpService* service_;
  bool admitted_;
};

HttpService::HttpService(CopyIndex* index, std::optional<BearerToken> token, ServiceLimits limits)
    : index_(index), token_(std::move(token)), limits_(limits) {}

void HttpService::Register(httplib::Server* server) {
  using Method = void (HttpService::*)(const Request&, Response&);
  // Work endpoints are admitted first (503 beyond --max-inflight), then
  // authorised; health and metrics skip admission so monitoring still sees
  // an overloaded server.
  auto admitted = [this](Method method) {
    return [this, method](const Request& req, Response& res) {
      Admission admission(this);
      if (!admission.admitted()) {
        metrics_.RecordOverload();
        res.set_header("Retry-After", "1");
        SendError(res, 503, "overloaded: too many requests in flight, retry later");
        return;
      }
      if (Authorized(req, res)) (this->*method)(req, res);
    };
  };
  auto authorised = [this](Method method) {
    return [this, method](const Request& req, Response& res) {
      if (Authorized(req, res)) (this->*method)(req, res);
    };
  };
  server->Post(kDocumentsPath, admitted(&HttpService::PostDocuments));
  server->Get(kDocumentPath, admitted(&HttpService::GetDocument));
  server->Delete(kDocumentPath, admitted(&HttpService::DeleteDocument));
  server->Get(kClusterPath, admitted(&HttpService::GetCluster));
  server->Get(kStoryPath, admitted(&HttpService::GetStory));
  server->Get(kHealthPath, authorised(&HttpService::Health));
  server->Get(kMetricsPath, authorised(&HttpService::Metrics));

  server->set_pre_routing_handler([](const Request&, Response&) {
    request_start = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server->set_error_handler(httplib::Server::HandlerWithResponse([this](const Request& req, Response& res) {
    FillErrorPage(req, res);
    return httplib::Server::HandlerResponse::Handled;
  }));
  server->set_exception_handler([](const Request&, Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what += std::string(": ") + e.what();
    } catch (...) {
    }
    SendError(res, 500, what);
  });
  server->set_logger([this](const Request& req, const Response& res) { RecordRequest(req, res); });
}

bool HttpService::Authorized(const Request& req, Response& res) const {
  if (!token_ || token_->Matches(req.get_header_value("Authorization"))) return true;
  res.set_header("WWW-Authenticate", "Bearer");
  SendError(res, 401, "missing or wrong bearer token (Authorization: Bearer ...)");
  return false;
}

void HttpService::FillErrorPage(const Request& req, Response& res) const {
  if (!res.body.empty()) return;  // a handler's own error page
  if (res.status == 404 || res.status == 400) {
    // httplib answers 404 when no handler matched the method (400 when the
    // method also expected a body that did not come); the path may still
    // exist under another method.
    const std::string allowed = AllowedMethods(req.path);
    if (!allowed.empty() && ClassifyRequest(req.method, req.path) == Endpoint::kOther) {
      res.set_header("Allow", allowed);
      SendError(res, 405, "method " + req.method + " not allowed on " + req.path + " (allowed: " + allowed + ")");
      return;
    }
  }
  switch (res.status) {
    case 404: return SendError(res, 404, "no such endpoint: " + req.method + " " + req.path);
    case 413: return SendError(res, 413, "request body too large (see --max-body-bytes)");
    case 400: return SendError(res, 400, "bad request: not valid HTTP");
    default: return SendError(res, res.status, "HTTP status " + std::to_string(res.status));
  }
}

void HttpService::RecordRequest(const Request& req, const Response& res) {
  double seconds = -1;
  if (request_start != Clock::time_point{}) {
    seconds = std::chrono::duration<double>(Clock::now() - request_start).count();
    request_start = Clock::time_point{};
  }
  metrics_.RecordRequest(ClassifyRequest(req.method, req.path), res.status, seconds);
}

void HttpService::PostDocuments(const Request& req, Response& res) {
  Result<std::vector<RawDocument>> documents =
      ParseDocumentsBody(req.body, BodyFormatOf(req.get_header_value("Content-Type")));
  if (!documents.ok()) return SendError(res, 400, documents.status().message());
  if (documents->size() > limits_.max_documents_per_request)
    return SendError(res, 413, std::to_string(documents->size()) + " documents in one request; at most " +
                                   std::to_string(limits_.max_documents_per_request));
  std::vector<DocumentAnswer> answers;
  Status s = IngestDocuments(index_, std::move(documents).value(), FlagParam(req, "dry_run"), &answers);
  if (!s.ok()) return SendStatus(res, s);
  Json list = Json::array();
  for (const DocumentAnswer& answer : answers) list.push_back(AnswerJson(answer));
  SendJson(res, 200, Json{{"documents", std::move(list)}});
}

void HttpService::GetDocument(const Request& req, Response& res) {
  Result<StoredDocument> doc = index_->GetDocument(req.matches[1].str());
  if (!doc.ok()) return SendStatus(res, doc.status());
  SendJson(res, 200, StoredDocumentJson(doc.value(), FlagParam(req, "text")));
}

void HttpService::DeleteDocument(const Request& req, Response& res) {
  const std::string id = req.matches[1].str();
  Status s = index_->Delete(id);
  if (!s.ok()) return SendStatus(res, s);
  SendJson(res, 200, Json{{"id", id}, {"deleted", true}});
}

void HttpService::GetCluster(const Request& req, Response& res) {
  uint64_t id = 0;
  if (!ParseUint(req.matches[1].str(), &id) || id == 0) return SendError(res, 404, "no such cluster");
  Result<ClusterInfo> cluster = index_->GetCluster(id);
  if (!cluster.ok()) return SendStatus(res, cluster.status());
  SendJson(res, 200, ClusterJson(cluster.value()));
}

void HttpService::GetStory(const Request& req, Response& res) {
  uint64_t id = 0;
  if (!ParseUint(req.matches[1].str(), &id) || id == 0) return SendError(res, 404, "no such story");
  uint64_t limit = 100;
  if (req.has_param("limit") && !ParseUint(req.get_param_value("limit"), &limit))
    return SendError(res, 400, "limit must be a non-negative integer");
  limit = std::min<uint64_t>(limit, limits_.max_story_members);
  Result<StoryInfo> story = index_->GetStory(id, limit);
  if (!story.ok()) return SendStatus(res, story.status());
  SendJson(res, 200, StoryJson(story.value()));
}

void HttpService::Health(const Request&, Response& res) {
  const CopyIndexStats stats = index_->Stats();
  SendJson(res, 200,
           Json{{"status", "ok"}, {"documents", stats.documents}, {"pending_documents", stats.pending_documents},
                {"inflight_requests", inflight_.load()}});
}

void HttpService::Metrics(const Request&, Response& res) {
  res.set_content(metrics_.Render(index_->Stats(), inflight_.load()), "text/plain; version=0.0.4");
}

}  // namespace reprint::serve
