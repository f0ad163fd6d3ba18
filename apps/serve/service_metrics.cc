#include "service_metrics.h"

#include <cinttypes>
#include <cstdio>
#include <algorithm>

namespace reprint::serve {
namespace {

void Append(std::string* out, const char* format, auto... args) {
  char line[512];
  const int n = std::snprintf(line, sizeof(line), format, args...);
  if (n > 0) out->append(line, std::min<size_t>(n, sizeof(line) - 1));
}

void Metric(std::string* out, const char* name, const char* type, const char* help) {
  Append(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

void Gauge(std::string* out, const char* name, const char* help, uint64_t value, const char* type = "gauge") {
  Metric(out, name, type, help);
  Append(out, "%s %" PRIu64 "\n", name, value);
}

void Counter(std::string* out, const char* name, const char* help, double value) {
  Metric(out, name, "counter", help);
  Append(out, "%s %.6f\n", name, value);
}

}  // namespace

ServiceMetrics::ServiceMetrics() = default;

void ServiceMetrics::RecordRequest(Endpoint endpoint, int status, double seconds) {
  {
    std::lock_guard<std::mutex> lock(status_mutex_);
    ++by_status_[{endpoint, status}];
  }
  if (seconds < 0) return;
  Histogram& h = latency_[static_cast<int>(endpoint)];
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  h.counts[bucket].fetch_add(1, std::memory_order_relaxed);
  h.sum_micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void ServiceMetrics::RenderRequests(std::string* out) const {
  Metric(out, "reprint_http_requests_total", "counter", "HTTP requests by endpoint and status code.");
  std::lock_guard<std::mutex> lock(status_mutex_);
  for (const auto& [key, count] : by_status_)
    Append(out, "reprint_http_requests_total{endpoint=\"%s\",status=\"%d\"} %" PRIu64 "\n",
           std::string(EndpointName(key.first)).c_str(), key.second, count);
}

void ServiceMetrics::RenderLatencies(std::string* out) const {
  Metric(out, "reprint_http_request_duration_seconds", "histogram",
         "Time from routing a request to writing its response, by endpoint.");
  for (int e = 0; e < kEndpointCount; ++e) {
    const Histogram& h = latency_[e];
    const std::string name(EndpointName(static_cast<Endpoint>(e)));
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += h.counts[b].load(std::memory_order_relaxed);
      if (b < kBuckets.size())
        Append(out, "reprint_http_request_duration_seconds_bucket{endpoint=\"%s\",le=\"%g\"} %" PRIu64 "\n",
               name.c_str(), kBuckets[b], cumulative);
      else
        Append(out, "reprint_http_request_duration_seconds_bucket{endpoint=\"%s\",le=\"+Inf\"} %" PRIu64 "\n",
               name.c_str(), cumulative);
    }
    Append(out, "reprint_http_request_duration_seconds_sum{endpoint=\"%s\"} %.6f\n", name.c_str(),
           h.sum_micros.load(std::memory_order_relaxed) / 1e6);
    Append(out, "reprint_http_request_duration_seconds_count{endpoint=\"%s\"} %" PRIu64 "\n", name.c_str(),
           cumulative);
  }
}

std::string ServiceMetrics::Render(const CopyIndexStats& stats, int inflight) const {
  std::string out;
  RenderRequests(&out);
  RenderLatencies(&out);
  Gauge(&out, "reprint_http_inflight_requests", "Requests being processed now.", static_cast<uint64_t>(inflight));
  Gauge(&out, "reprint_http_overloaded_total", "Requests refused with 503 because too many were in flight.",
        overloaded_.load(std::memory_order_relaxed), "counter");
  Gauge(&out, "reprint_index_documents", "Documents stored in the index.", stats.documents);
  Gauge(&out, "reprint_index_clusters", "Copy clusters (two or more documents).", stats.clusters);
  Gauge(&out, "reprint_index_clustered_documents", "Documents in a copy cluster.", stats.clustered_documents);
  Gauge(&out, "reprint_index_stories", "Stories.", stats.stories);
  Gauge(&out, "reprint_index_capped_keys", "Index keys whose posting list is full.", stats.capped_keys);
  Gauge(&out, "reprint_index_disk_bytes", "Bytes of the index on disk.", stats.disk_bytes);
  Gauge(&out, "reprint_index_cache_bytes", "Bytes of the block cache in use.", stats.cache_bytes_used);
  Gauge(&out, "reprint_index_memtable_bytes", "Bytes of the write buffers (memtables).", stats.memtable_bytes);
  Gauge(&out, "reprint_index_pending_documents", "Documents waiting for the writer.", stats.pending_documents);
  Gauge(&out, "reprint_index_commits_total", "Committed write batches (ingest groups, deletions) since the index was opened.", stats.commits, "counter");
  Gauge(&out, "reprint_index_committed_documents_total", "Documents committed since the index was opened.",
        stats.committed_documents, "counter");
  Gauge(&out, "reprint_index_compactions_total", "Full compactions (idle or requested) since the index was opened.",
        stats.compactions, "counter");
  Counter(&out, "reprint_index_compaction_seconds_total", "Seconds spent in them.", stats.compaction_seconds);
  return out;
}

}  // namespace reprint::serve
