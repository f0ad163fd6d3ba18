#include "serve_test_util.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <regex>
#include <sstream>

#include "test_util.h"

namespace reprint::testing {
namespace {

using Clock = std::chrono::steady_clock;

// A client writing to a connection the server has closed (at shutdown, after
// a timeout) must get EPIPE, not be killed.
[[maybe_unused]] const bool kIgnoreSigpipe = [] {
  signal(SIGPIPE, SIG_IGN);
  return true;
}();

// Reads what is available on `fd` within `wait`; false at EOF or error.
bool ReadSome(int fd, std::chrono::milliseconds wait, std::string* out) {
  pollfd p{fd, POLLIN, 0};
  const int ready = poll(&p, 1, static_cast<int>(wait.count()));
  if (ready <= 0) return ready == 0;
  char buffer[4096];
  const ssize_t n = read(fd, buffer, sizeof(buffer));
  if (n <= 0) return false;
  out->append(buffer, static_cast<size_t>(n));
  return true;
}

}  // namespace

std::unique_ptr<ServeProcess> ServeProcess::Start(const std::string& index_dir,
                                                  const std::vector<std::string>& extra_args, std::string* error,
                                                  std::chrono::seconds timeout) {
  std::vector<std::string> args = {REPRINT_CLI_PATH, "serve", "--index", index_dir, "--bind", "127.0.0.1:0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    *error = "pipe failed";
    return nullptr;
  }
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDERR_FILENO);
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDOUT_FILENO);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  std::unique_ptr<ServeProcess> process(new ServeProcess);
  process->pid_ = pid;
  process->stderr_fd_ = fds[0];

  const std::regex ready(R"(listening on http://127\.0\.0\.1:([0-9]+))");
  const auto deadline = Clock::now() + timeout;
  std::string text;
  std::smatch match;
  while (!std::regex_search(text, match, ready)) {
    if (Clock::now() > deadline || !ReadSome(fds[0], std::chrono::milliseconds(100), &text)) {
      *error = "no ready line from reprint serve; stderr: " + text;
      return nullptr;  // the destructor kills it
    }
  }
  process->port_ = std::stoi(match[1].str());
  process->stderr_text_ = text;
  process->drain_ = std::thread([p = process.get()] { p->DrainStderr(); });
  return process;
}

void ServeProcess::DrainStderr() {
  std::string chunk;
  while (ReadSome(stderr_fd_, std::chrono::milliseconds(100), &chunk)) {
    if (chunk.empty()) continue;
    std::lock_guard<std::mutex> lock(mutex_);
    stderr_text_ += chunk;
    chunk.clear();
  }
}

std::string ServeProcess::StderrText() {
  std::lock_guard<std::mutex> lock(mutex_);
  return stderr_text_;
}

ServeProcess::~ServeProcess() {
  if (!exited_ && pid_ > 0) Stop(SIGKILL);
  if (drain_.joinable()) drain_.join();  // EOF once the process is gone
  if (stderr_fd_ >= 0) close(stderr_fd_);
}

std::unique_ptr<httplib::Client> ServeProcess::Client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client->set_connection_timeout(5);
  client->set_read_timeout(20);
  client->set_write_timeout(20);
  return client;
}

int ServeProcess::Stop(int signal, std::chrono::seconds timeout) {
  if (exited_) return -1;
  kill(pid_, signal);
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      return 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

std::vector<std::string> NewsTexts(size_t count) { return MakeMutatedCorpus(count, 0, 1).texts; }

std::string TrimmedCopy(const std::string& text, double fraction) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  std::string out;
  const size_t keep = static_cast<size_t>(words.size() * fraction);
  for (size_t i = 0; i < keep; ++i) out += (i ? " " : "") + words[i];
  return out;
}

nlohmann::json DocumentJson(const std::string& id, const std::string& text) {
  return nlohmann::json{{"id", id}, {"text", text}};
}

nlohmann::json ParseBody(const httplib::Result& result) {
  if (!result) return nullptr;
  return nlohmann::json::parse(result->body, nullptr, false);
}

}  // namespace reprint::testing
