// serve_load: a load generator for `reprint serve` (POST /v1/documents).
//
//   serve_load --url 127.0.0.1:8080 --input docs.jsonl [--skip N] [--docs N]
//              [--connections C] [--duration S | --count N] [--rate R]
//              [--dry-run] [--batch N] [--id-prefix P] [--pid PID] [--json-out FILE]
//
// Reads documents from a JSON Lines file (lines --skip .. --skip+--docs) and
// POSTs one document per request over C keep-alive connections, one
// httplib::Client per thread. Request i always carries line skip + (i mod
// docs) with the id "<prefix><skip+i>", so the order is deterministic and the
// ids never collide with preloaded ones (nor with an earlier run given a
// different --skip or prefix). With --batch N, request i carries the N
// documents i*N .. i*N+N-1 as one JSON Lines body (rates then count requests;
// documents/s is printed beside them).
//
// Two modes:
//  - closed loop (default): every connection sends its next request as soon as
//    the previous answer arrived; measures the highest throughput.
//  - open loop (--rate R): request i is due at start + i/R whatever happened
//    before; its latency is counted from when it was due, so time spent
//    waiting for a free connection counts too (no coordinated omission).
//    Service time (from the actual send) is reported beside it. Every
//    request due within --duration is sent, so when the server is slower than
//    the offered rate the run lasts longer and the latency measures the
//    backlog (requests/s is then the server's throughput).
//
// Why our own client and not wrk (installed from Debian): wrk reports latency
// only closed-loop (its fixed-rate fork wrk2 is not packaged) and would need a
// Lua script holding the corpus to vary bodies and ids; here every request has
// its own body and timing, statuses are counted by class, and the server's
// resident size is read from /proc while the load runs.
#include <httplib.h>
#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

struct Args {
  std::string url = "127.0.0.1:8080";
  std::string input;
  uint64_t skip = 0;
  uint64_t docs = 100000;
  int connections = 8;
  double duration = 30;
  uint64_t count = 0;
  double rate = 0;
  bool dry_run = false;
  uint64_t batch = 1;
  std::string id_prefix = "load-";
  int pid = 0;
  std::string json_out;
};

// Each document as the body after its id: `,"text":"...",...}`; the id is
// prepended per request.
std::vector<std::string> LoadDocuments(const Args& args) {
  std::ifstream in(args.input, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "serve_load: cannot open %s\n", args.input.c_str());
    std::exit(2);
  }
  std::string line;
  for (uint64_t i = 0; i < args.skip && std::getline(in, line); ++i) {
  }
  simdjson::ondemand::parser parser;
  std::vector<std::string> out;
  out.reserve(args.docs);
  uint64_t line_no = args.skip;
  while (out.size() < args.docs && std::getline(in, line)) {
    ++line_no;
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc;
    std::string rest;
    bool ok = parser.iterate(padded).get(doc) == simdjson::SUCCESS;
    simdjson::ondemand::object object;
    if (ok) ok = doc.get_object().get(object) == simdjson::SUCCESS;
    if (ok) {
      for (auto field : object) {
        std::string_view key;
        simdjson::ondemand::value value;
        if (field.unescaped_key().get(key) || field.value().get(value)) {
          ok = false;
          break;
        }
        if (key == "id") continue;
        simdjson::ondemand::json_type type;
        if (value.type().get(type) || type == simdjson::ondemand::json_type::object ||
            type == simdjson::ondemand::json_type::array)
          continue;  // only scalar fields are sent
        std::string_view raw = value.raw_json_token();
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
          raw.remove_suffix(1);
        rest += ",\"";
        rest += key;  // corpus keys need no escaping
        rest += "\":";
        rest += raw;
      }
    }
    if (!ok) {
      std::fprintf(stderr, "serve_load: skipped malformed line %llu\n", static_cast<unsigned long long>(line_no));
      continue;
    }
    rest += '}';
    out.push_back(std::move(rest));
  }
  return out;
}

uint64_t CountOccurrences(const std::string& text, std::string_view needle) {
  uint64_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

// Kilobytes of a /proc/PID/status field, or -1.
long ProcStatusKb(int pid, const char* field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  const std::string prefix = std::string(field) + ":";
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) == 0) return std::atol(line.c_str() + prefix.size());
  return -1;
}

struct WorkerStats {
  std::vector<uint32_t> latency_us;  // open loop: from when due; closed loop: = service
  std::vector<uint32_t> service_us;  // from the actual send
  std::map<int, uint64_t> statuses;  // HTTP status; 0 = transport error
  uint64_t copies = 0;               // 200 answers naming a copy_of
  uint64_t bytes_sent = 0;
};

double Percentile(const std::vector<uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(p / 100.0 * sorted.size());
  return sorted[std::min(rank, sorted.size() - 1)] / 1000.0;  // ms
}

Json LatencyJson(std::vector<uint32_t>* v) {
  std::sort(v->begin(), v->end());
  Json j;
  double sum = 0;
  for (uint32_t x : *v) sum += x;
  j["mean_ms"] = v->empty() ? 0 : sum / v->size() / 1000.0;
  for (double p : {50.0, 90.0, 99.0, 99.9}) {
    char name[32];
    std::snprintf(name, sizeof(name), "p%g_ms", p);
    j[name] = Percentile(*v, p);
  }
  j["max_ms"] = v->empty() ? 0 : v->back() / 1000.0;
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  CLI::App app("Load generator for reprint serve: POST /v1/documents, one document per request");
  app.add_option("--url", args.url, "HOST:PORT of the server")->capture_default_str();
  app.add_option("--input", args.input, "JSON Lines documents (id, text, ...)")->required();
  app.add_option("--skip", args.skip, "Lines of the input to skip first")->capture_default_str();
  app.add_option("--docs", args.docs, "Documents to load; requests cycle through them")->capture_default_str();
  app.add_option("-c,--connections", args.connections, "Connections (one thread each)")->capture_default_str();
  app.add_option("-d,--duration", args.duration, "Seconds to run (0: until --count)")->capture_default_str();
  app.add_option("-n,--count", args.count, "Requests to send at most (0: no limit)")->capture_default_str();
  app.add_option("--rate", args.rate, "Open loop: offered requests/s over all connections (0: closed loop)");
  app.add_flag("--dry-run", args.dry_run, "Query without storing (?dry_run=1)");
  app.add_option("--batch", args.batch, "Documents per request (JSON Lines when more than one)")
      ->capture_default_str()
      ->check(CLI::Range(1, 4096));
  app.add_option("--id-prefix", args.id_prefix, "Prefix of the ids sent")->capture_default_str();
  app.add_option("--pid", args.pid, "Server pid: report its VmRSS / VmHWM");
  app.add_option("--json-out", args.json_out, "Also write the results as JSON to this file");
  CLI11_PARSE(app, argc, argv);
  if (args.duration <= 0 && args.count == 0) {
    std::fprintf(stderr, "serve_load: give --duration or --count\n");
    return 2;
  }
  const size_t colon = args.url.rfind(':');
  if (colon == std::string::npos) {
    std::fprintf(stderr, "serve_load: --url must be HOST:PORT\n");
    return 2;
  }
  const std::string host = args.url.substr(0, colon);
  const int port = std::stoi(args.url.substr(colon + 1));

  const auto load_start = Clock::now();
  const std::vector<std::string> docs = LoadDocuments(args);
  if (docs.empty()) {
    std::fprintf(stderr, "serve_load: no documents read\n");
    return 2;
  }
  std::fprintf(stderr, "serve_load: %zu documents loaded in %.1f s\n", docs.size(),
               std::chrono::duration<double>(Clock::now() - load_start).count());

  const std::string path = args.dry_run ? "/v1/documents?dry_run=1" : "/v1/documents";
  const char* content_type = args.batch > 1 ? "application/x-ndjson" : "application/json";
  const bool open_loop = args.rate > 0;
  const auto start = Clock::now() + std::chrono::milliseconds(200 + 2 * args.connections);
  const auto end = args.duration > 0 ? start + std::chrono::duration_cast<Clock::duration>(
                                                   std::chrono::duration<double>(args.duration))
                                     : Clock::time_point::max();
  const double interval_ns = open_loop ? 1e9 / args.rate : 0;
  std::atomic<uint64_t> next{0};
  // Completed requests per second of the run: how steady the rate was.
  const size_t seconds = args.duration > 0 ? static_cast<size_t>(args.duration) + 120 : 3600;
  std::vector<std::atomic<uint32_t>> per_second(seconds);
  std::atomic<bool> done{false};
  long max_rss_kb = -1;

  std::thread monitor([&] {
    while (!done.load()) {
      if (args.pid > 0) max_rss_kb = std::max(max_rss_kb, ProcStatusKb(args.pid, "VmRSS"));
      for (int i = 0; i < 10 && !done.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });

  std::vector<WorkerStats> stats(args.connections);
  std::vector<std::thread> workers;
  for (int t = 0; t < args.connections; ++t) {
    workers.emplace_back([&, t] {
      WorkerStats& s = stats[t];
      httplib::Client client(host, port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_connection_timeout(5);
      client.set_read_timeout(120);
      client.set_write_timeout(120);
      std::string body;
      // Connect before the clock starts (staggered: the server's listen
      // backlog is small), so the run measures requests, not TCP handshakes.
      std::this_thread::sleep_for(std::chrono::milliseconds(2 * t));
      client.Get("/v1/health");
      std::this_thread::sleep_until(start);
      for (;;) {
        const uint64_t i = next.fetch_add(1);
        if (args.count && i >= args.count) break;
        Clock::time_point due = Clock::now();
        if (open_loop) {
          due = start + std::chrono::nanoseconds(static_cast<int64_t>(i * interval_ns));
          if (due >= end) break;
          std::this_thread::sleep_until(due);
        } else if (due >= end) {
          break;
        }
        body.clear();
        for (uint64_t k = i * args.batch; k < (i + 1) * args.batch; ++k) {
          body += "{\"id\":\"" + args.id_prefix + std::to_string(args.skip + k) + "\"" + docs[k % docs.size()];
          if (args.batch > 1) body += '\n';
        }
        const auto sent = Clock::now();
        httplib::Result res = client.Post(path, body, content_type);
        const auto finished = Clock::now();
        s.bytes_sent += body.size();
        const auto micros = [](Clock::duration d) {
          return static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
        };
        s.latency_us.push_back(micros(finished - (open_loop ? due : sent)));
        s.service_us.push_back(micros(finished - sent));
        const size_t second = std::chrono::duration_cast<std::chrono::seconds>(finished - start).count();
        if (second < per_second.size()) per_second[second].fetch_add(1, std::memory_order_relaxed);
        if (!res) {
          if (++s.statuses[0] <= 3)
            std::fprintf(stderr, "serve_load: request %llu: %s\n", static_cast<unsigned long long>(i),
                         httplib::to_string(res.error()).c_str());
          std::this_thread::sleep_for(std::chrono::milliseconds(10));  // server gone: do not spin
          continue;
        }
        ++s.statuses[res->status];
        if (res->status == 200) s.copies += args.batch - CountOccurrences(res->body, "\"copy_of\":null");
      }
    });
  }
  for (auto& w : workers) w.join();
  const auto stop = Clock::now();
  done.store(true);
  monitor.join();

  WorkerStats all;
  for (WorkerStats& s : stats) {
    all.latency_us.insert(all.latency_us.end(), s.latency_us.begin(), s.latency_us.end());
    all.service_us.insert(all.service_us.end(), s.service_us.begin(), s.service_us.end());
    for (auto [code, n] : s.statuses) all.statuses[code] += n;
    all.copies += s.copies;
    all.bytes_sent += s.bytes_sent;
  }
  const double elapsed = std::chrono::duration<double>(stop - start).count();
  const uint64_t requests = all.latency_us.size();
  uint64_t ok = 0, r429 = 0, r503 = 0, other = 0, errors = 0;
  for (auto [code, n] : all.statuses) {
    if (code == 200) ok += n;
    else if (code == 429) r429 += n;
    else if (code == 503) r503 += n;
    else if (code == 0) errors += n;
    else other += n;
  }
  // Full seconds only (the last one is partial).
  std::vector<uint32_t> rates;
  for (size_t i = 0; i + 1 < per_second.size() && i + 1 < static_cast<size_t>(elapsed); ++i)
    rates.push_back(per_second[i].load());
  std::sort(rates.begin(), rates.end());

  Json j;
  j["mode"] = open_loop ? "open" : "closed";
  j["dry_run"] = args.dry_run;
  j["connections"] = args.connections;
  j["offered_rate"] = args.rate;
  j["first_line"] = args.skip;
  j["documents_loaded"] = docs.size();
  j["requests"] = requests;
  j["seconds"] = elapsed;
  j["requests_per_s"] = requests / elapsed;
  j["documents_per_request"] = args.batch;
  j["documents_per_s"] = requests * args.batch / elapsed;
  j["ok_per_s"] = ok / elapsed;
  j["status"] = {{"200", ok}, {"429", r429}, {"503", r503}, {"other", other}, {"transport_error", errors}};
  j["copies"] = all.copies;
  j["mean_body_bytes"] = requests ? static_cast<double>(all.bytes_sent) / requests : 0;
  if (!rates.empty())
    j["per_second"] = {{"min", rates.front()}, {"median", rates[rates.size() / 2]}, {"max", rates.back()}};
  j["latency"] = LatencyJson(&all.latency_us);
  if (open_loop) j["service_time"] = LatencyJson(&all.service_us);
  if (args.pid > 0) {
    j["server_rss_mib"] = ProcStatusKb(args.pid, "VmRSS") / 1024.0;
    j["server_rss_max_sampled_mib"] = max_rss_kb / 1024.0;
    j["server_hwm_mib"] = ProcStatusKb(args.pid, "VmHWM") / 1024.0;
  }

  const Json& l = j["latency"];
  std::printf("%s loop, %s, %d connections%s: %llu requests in %.1f s = %.0f requests/s (%.0f ok/s)\n",
              open_loop ? "open" : "closed", args.dry_run ? "dry-run queries" : "ingests", args.connections,
              open_loop ? (", offered " + std::to_string(static_cast<long>(args.rate)) + "/s").c_str() : "",
              static_cast<unsigned long long>(requests), elapsed, requests / elapsed, ok / elapsed);
  std::printf("  status: 200=%llu 429=%llu 503=%llu other=%llu transport-errors=%llu; copies among 200: %llu\n",
              static_cast<unsigned long long>(ok), static_cast<unsigned long long>(r429),
              static_cast<unsigned long long>(r503), static_cast<unsigned long long>(other),
              static_cast<unsigned long long>(errors), static_cast<unsigned long long>(all.copies));
  if (args.batch > 1)
    std::printf("  %llu documents per request: %.0f documents/s\n", static_cast<unsigned long long>(args.batch),
                requests * args.batch / elapsed);
  if (!rates.empty())
    std::printf("  per second: min %u, median %u, max %u\n", rates.front(), rates[rates.size() / 2], rates.back());
  std::printf("  latency ms%s: mean %.2f p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f\n",
              open_loop ? " (from when due)" : "", l["mean_ms"].get<double>(), l["p50_ms"].get<double>(),
              l["p90_ms"].get<double>(), l["p99_ms"].get<double>(), l["p99.9_ms"].get<double>(),
              l["max_ms"].get<double>());
  if (open_loop) {
    const Json& s = j["service_time"];
    std::printf("  service time ms: mean %.2f p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f\n",
                s["mean_ms"].get<double>(), s["p50_ms"].get<double>(), s["p90_ms"].get<double>(),
                s["p99_ms"].get<double>(), s["p99.9_ms"].get<double>(), s["max_ms"].get<double>());
  }
  if (args.pid > 0)
    std::printf("  server pid %d: VmRSS %.0f MiB (max sampled %.0f MiB), VmHWM %.0f MiB\n", args.pid,
                j["server_rss_mib"].get<double>(), j["server_rss_max_sampled_mib"].get<double>(),
                j["server_hwm_mib"].get<double>());
  if (!args.json_out.empty()) {
    std::ofstream out(args.json_out);
    out << j.dump(2) << "\n";
  }
  return errors == requests ? 1 : 0;
}
