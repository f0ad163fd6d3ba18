// Where the service listens: "HOST:PORT" as given to --bind.
#pragma once

#include <string>

#include "reprint/status.h"

namespace reprint::serve {

struct BindAddress {
  std::string host;  // without brackets for IPv6 ("::1")
  int port = 0;      // 0: any free port
};

// Parses "127.0.0.1:8080", "[::1]:0", "localhost:80". kInvalidArgument when
// the port is missing or out of range.
Result<BindAddress> ParseBindAddress(const std::string& text);

// Returns true iff `host` only ever accepts connections from this machine
// (127.0.0.0/8, ::1, localhost). Anything else needs a bearer token.
bool IsLoopback(const std::string& host);

// "127.0.0.1:8080", "[::1]:8080": for URLs and messages.
std::string HostPort(const std::string& host, int port);

}  // namespace reprint::serve
