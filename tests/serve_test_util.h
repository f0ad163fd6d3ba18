// Helpers for the `reprint serve` tests: a real server process on a free
// loopback port, an HTTP client for it, and news texts to post.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace reprint::testing {

// `reprint serve --index DIR --bind 127.0.0.1:0 ...` as a child process.
class ServeProcess {
 public:
  // Starts the server and waits (at most `timeout`) for its ready line.
  // Returns nullptr, with the reason in *error, when it exits or stays silent.
  static std::unique_ptr<ServeProcess> Start(const std::string& index_dir, const std::vector<std::string>& extra_args,
                                             std::string* error,
                                             std::chrono::seconds timeout = std::chrono::seconds(20));
  ~ServeProcess();  // SIGKILL if still running

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // A client with short timeouts, so a hung server fails a test instead of
  // stalling it.
  std::unique_ptr<httplib::Client> Client() const;

  // Sends `signal`, waits at most `timeout` for the exit; returns the exit
  // status, 128 + signal when killed by one, or -1 on timeout.
  int Stop(int signal, std::chrono::seconds timeout = std::chrono::seconds(20));
  // Everything the server wrote to stderr so far.
  std::string StderrText();

 private:
  ServeProcess() = default;
  void DrainStderr();

  pid_t pid_ = -1;
  int port_ = 0;
  int stderr_fd_ = -1;
  bool exited_ = false;
  std::thread drain_;
  std::mutex mutex_;
  std::string stderr_text_;
};

// BBC news articles (from ../shared) to post, each a few hundred words.
std::vector<std::string> NewsTexts(size_t count);
// The first `fraction` of a text's words: a trimmed copy.
std::string TrimmedCopy(const std::string& text, double fraction);

nlohmann::json DocumentJson(const std::string& id, const std::string& text);
// Parses a response body; a JSON null when it is not JSON.
nlohmann::json ParseBody(const httplib::Result& result);

}  // namespace reprint::testing
