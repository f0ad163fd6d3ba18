// ServiceMetrics: request counts by endpoint and status, latency histograms
// by endpoint, and admission rejections, rendered with the index's own
// figures in the Prometheus text exposition format (GET /metrics).
//
// Thread safety: Record*() may be called from any number of threads at once;
// the histograms are lock-free, the status counts take a short lock.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "reprint/copy_index.h"
#include "routes.h"

namespace reprint::serve {

class ServiceMetrics {
 public:
  ServiceMetrics();

  // One finished request; `seconds` < 0 when its start time is unknown (a
  // request httplib rejected before any handler saw it).
  void RecordRequest(Endpoint endpoint, int status, double seconds);
  // A request turned away with 503 because too many were in flight.
  void RecordOverload() { overloaded_.fetch_add(1, std::memory_order_relaxed); }

  // The whole /metrics page.
  std::string Render(const CopyIndexStats& stats, int inflight) const;

 private:
  // Upper bounds in seconds; a last implicit bucket is +Inf.
  static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1,     2.5,   5,    10};
  struct Histogram {
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> counts{};  // not cumulative
    std::atomic<uint64_t> sum_micros{0};
  };

  void RenderRequests(std::string* out) const;
  void RenderLatencies(std::string* out) const;

  mutable std::mutex status_mutex_;
  std::map<std::pair<Endpoint, int>, uint64_t> by_status_;
  std::array<Histogram, kEndpointCount> latency_;
  std::atomic<uint64_t> overloaded_{0};
};

}  // namespace reprint::serve
