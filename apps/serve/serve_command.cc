#include "serve_command.h"

#include <httplib.h>

#include <chrono>
#include <cinttypes>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <thread>

#include <sys/socket.h>

#include "bearer_token.h"
#include "bind_address.h"
#include "http_service.h"
#include "idle_compaction.h"
#include "retention.h"
#include "reprint/copy_index.h"
#include "shutdown_signals.h"

namespace reprint::serve {
namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "reprint serve: %s\n", message.c_str());
  return 2;
}

// Request bodies come first out of the memory budget: httplib reads a whole
// body on each worker thread before admission control sees it, and each
// admitted request also holds its prepared documents (about as large again).
// The index gets the rest.
Result<CopyIndexOptions> IndexOptions(const ServeArgs& args) {
  const size_t budget = args.memory_mb << 20;
  const size_t requests = static_cast<size_t>(args.threads + args.max_inflight) * args.max_body_bytes;
  constexpr size_t kIndexMinimum = size_t{256} << 20;
  if (requests + kIndexMinimum > budget)
    return Status::InvalidArgument("--memory-mb " + std::to_string(args.memory_mb) + " cannot hold " +
                                   std::to_string(args.max_inflight) + " requests of " +
                                   std::to_string(args.max_body_bytes >> 20) +
                                   " MiB and the index: lower --threads, --max-inflight or --max-body-bytes");
  CopyIndexOptions options;
  FitToMemory(budget - requests, &options);
  options.sync_writes = !args.no_sync;
  return options;
}

void Configure(const ServeArgs& args, httplib::Server* server) {
  const size_t threads = static_cast<size_t>(args.threads);
  server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Without it, Nagle's algorithm and delayed ACKs hold each small response
  // for ~40 ms (measured: about 150 requests/s instead of thousands).
  server->set_tcp_nodelay(true);
  server->set_keep_alive_max_count(1000);
  server->set_keep_alive_timeout(args.keep_alive_seconds);
  const auto timeout = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::duration<double>(args.read_timeout_seconds));
  server->set_read_timeout(timeout);
  server->set_write_timeout(timeout);
  server->set_payload_max_length(args.max_body_bytes);
}

// Binds; returns the port (the one picked when args asked for 0) or -1.
int Bind(const BindAddress& address, httplib::Server* server) {
  if (address.port == 0) return server->bind_to_any_port(address.host);
  return server->bind_to_port(address.host, address.port) ? address.port : -1;
}

}  // namespace

int RunServe(const ServeArgs& args) {
  Result<BindAddress> address = ParseBindAddress(args.bind);
  if (!address.ok()) return Fail(address.status().message());
  std::optional<BearerToken> token;
  if (!args.token_file.empty()) {
    Result<BearerToken> loaded = BearerToken::Load(args.token_file);
    if (!loaded.ok()) return Fail(loaded.status().message());
    token = std::move(loaded).value();
  }
  if (!token && !IsLoopback(address->host))
    return Fail("binding to " + address->host + " (not loopback) requires --token-file: refusing to serve the index "
                "to the network without authentication");
  // A client that disconnects mid-response must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);

  httplib::Server server;
  // Set once listen_after_bind() has returned (or will never run): until
  // then a signal keeps calling stop(), which is a no-op before listening
  // starts, so a signal during startup is never lost.
  std::atomic<bool> serving_over{false};
  auto signals = std::make_unique<ShutdownSignals>([&] {
    while (!serving_over.load()) {
      server.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });

  Result<CopyIndexOptions> options = IndexOptions(args);
  if (!options.ok()) return Fail(options.status().message());
  Result<std::unique_ptr<CopyIndex>> opened = CopyIndex::Open(args.index_dir, options.value());
  if (!opened.ok()) {
    serving_over.store(true);
    return Fail("cannot open the index " + args.index_dir + ": " + opened.status().ToString());
  }
  std::unique_ptr<CopyIndex> index = std::move(opened).value();
  auto retention = std::make_unique<Retention>(index.get(), args.retention_days);
  auto idle_compaction = std::make_unique<IdleCompaction>(index.get(), args.compact_idle_seconds);

  ServiceLimits limits;
  limits.max_inflight = args.max_inflight;
  limits.max_documents_per_request = std::min(limits.max_documents_per_request, index->options().max_pending_documents);
  HttpService service(index.get(), std::move(token), limits);
  service.Register(&server);
  Configure(args, &server);
  // httplib 0.11 listens with a backlog of 5: a burst of clients connecting
  // at once (measured: 16 test clients at startup) overflows it and some see
  // their connection reset. The backlog is widened on httplib's own socket.
  int listening_socket = -1;
  server.set_socket_options([&listening_socket](socket_t sock) {
    httplib::default_socket_options(sock);
    listening_socket = sock;
  });
  const int port = Bind(address.value(), &server);
  if (port < 0 || (listening_socket >= 0 && ::listen(listening_socket, SOMAXCONN) != 0)) {
    serving_over.store(true);
    return Fail("cannot listen on " + args.bind);
  }

  std::fprintf(stderr, "reprint serve: listening on http://%s (index %s, %" PRIu64 " documents)\n",
               HostPort(address->host, port).c_str(), args.index_dir.c_str(), index->Stats().documents);
  std::fflush(stderr);
  // Returns after stop(): no new connections, and every worker thread has
  // finished the requests it had (httplib joins its pool before returning).
  if (!signals->received()) server.listen_after_bind();
  serving_over.store(true);
  signals.reset();
  retention.reset();
  idle_compaction.reset();

  index.reset();  // waits for pending writes and flushes
  std::fprintf(stderr, "reprint serve: stopped\n");
  return 0;
}

}  // namespace reprint::serve
