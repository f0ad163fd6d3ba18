// `reprint serve`: the HTTP/JSON service over a CopyIndex. Flags are parsed in
// apps/cli/main.cc; everything else (binding, signals, the server's life) is
// here and in the files beside it.
#pragma once

#include <cstddef>
#include <string>

namespace reprint::serve {

struct ServeArgs {
  std::string index_dir;
  std::string bind = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free one
  // File holding the bearer token clients must send. Required when binding
  // to anything but loopback, so an open port never serves an open index.
  std::string token_file;
  // HTTP worker threads. httplib gives each connection one thread for as long
  // as it is kept alive, so this must exceed the concurrent clients.
  int threads = 64;
  size_t max_body_bytes = size_t{8} << 20;
  // Requests being processed at once beyond which new ones get 503: bounds
  // the memory held by request bodies and prepared documents.
  int max_inflight = 32;
  // Resident memory the service keeps within: request bodies in flight
  // (max_inflight x max_body_bytes) first, the index (FitToMemory) the rest.
  size_t memory_mb = 2048;
  bool no_sync = false;     // acknowledge after the log write, without fsync
  // Seconds a connection may wait for the next bytes of a request (or for
  // the client to take the response) before it is dropped: slow clients
  // cannot hold a worker thread forever.
  double read_timeout_seconds = 10;
  int keep_alive_seconds = 5;  // idle time before a kept-alive connection closes
  int retention_days = 0;      // > 0: drop documents older than this, at start and hourly
  // Compact the index once no write has come for this long (and some have
  // since the last compaction); 0: never.
  double compact_idle_seconds = 60;
};

// Runs until SIGTERM or SIGINT. Returns the exit status: 0 after a graceful
// shutdown, 2 for usage errors or when the index or port cannot be opened.
int RunServe(const ServeArgs& args);

}  // namespace reprint::serve
