// Crash safety of `reprint serve` (issue 5). Each round starts the server on
// the same index directory, lets several clients write (single documents and
// batches, unique texts, exact copies and trimmed copies that link and merge
// clusters, deletions that split them) and SIGKILLs the server after a random
// delay, mid-commit. Then `reprint index check` must find the index
// consistent, the server must reopen it, every acknowledged document must be
// there (unless a DELETE of it was sent later), every acknowledged DELETE must
// have stuck, and /v1/health must count what can be there. Every few rounds
// the restarted server is also stopped with SIGTERM during a write stream,
// which must exit 0 and lose nothing acknowledged.
//
// REPRINT_CRASH_ROUNDS (default 24) is the number of kill points and
// REPRINT_CRASH_SEED the seed (kill delays, what the clients send); a failure
// names both. The seed does not fix how threads interleave, so a replay hits
// nearby, not identical, moments. scripts/crash-soak.sh runs many rounds.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <utility>

#include "serve_test_util.h"
#include "test_util.h"

namespace reprint::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr uint64_t kDefaultSeed = 5005;
constexpr uint64_t kDefaultRounds = 24;
constexpr int kClients = 4;
constexpr int kTermEvery = 4;  // every 4th round also stops a writing server with SIGTERM

// `reprint serve --index DIR --bind 127.0.0.1:0` as a child that dies with
// the test process, whatever kills it (a crash, a ctest timeout, Ctrl-C in the
// soak script): a server must never outlive its test. (ServeProcess of
// serve_test_util.h has no such guarantee.) Its stderr goes to a file.
class CrashServer {
 public:
  // Returns nullptr, with the reason in *error, when no ready line comes.
  static std::unique_ptr<CrashServer> Start(const std::string& index_dir, std::string* error) {
    std::unique_ptr<CrashServer> server(new CrashServer);
    server->stderr_path_ = index_dir + ".stderr";
    // Emptied here, not in the child: the previous server's ready line must
    // be gone before this one is awaited.
    const int out = open(server->stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
      *error = "cannot create " + server->stderr_path_;
      return nullptr;
    }
    const pid_t parent = getpid();
    server->pid_ = fork();
    if (server->pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(127);  // the parent died before prctl
      const int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
      dup2(out, STDERR_FILENO);
      dup2(devnull, STDOUT_FILENO);
      dup2(devnull, STDIN_FILENO);
      execl(REPRINT_CLI_PATH, REPRINT_CLI_PATH, "serve", "--index", index_dir.c_str(), "--bind", "127.0.0.1:0",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out);
    const std::regex ready(R"(listening on http://127\.0\.0\.1:([0-9]+))");
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    std::smatch match;
    std::string text;  // outlives the loop: `match` points into it
    for (;;) {
      text = server->StderrText();
      if (std::regex_search(text, match, ready)) break;
      int status = 0;
      if (waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
        server->pid_ = -1;
        *error = "reprint serve exited (status " + std::to_string(status) + "); stderr: " + text;
        return nullptr;
      }
      if (Clock::now() > deadline) {
        *error = "no ready line from reprint serve; stderr: " + text;
        return nullptr;  // the destructor kills it
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server->port_ = std::stoi(match[1].str());
    return server;
  }
  ~CrashServer() { Stop(SIGKILL); }

  std::unique_ptr<httplib::Client> Client() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client->set_connection_timeout(5);
    client->set_read_timeout(20);
    client->set_write_timeout(20);
    return client;
  }
  // Sends `signal` and reaps the server (SIGKILL after 20 s); returns its exit
  // status, 128 + signal when a signal ended it, -1 when it was not running.
  int Stop(int signal) {
    if (pid_ <= 0) return -1;
    kill(pid_, signal);
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) != pid_) {
      if (Clock::now() > deadline) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  std::string StderrText() const { return ReadFile(stderr_path_); }

 private:
  CrashServer() = default;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string stderr_path_;
};

// Text that may hold invalid UTF-8 (the BBC files do) as JSON.
std::string Dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// A JSON object's string field; empty when there is none (never throws).
std::string StringField(const json& object, const char* name) {
  if (!object.is_object() || !object.contains(name) || !object[name].is_string()) return "";
  return object[name];
}

uint64_t EnvNumber(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return fallback;
  return std::strtoull(value, nullptr, 10);
}

// The last `fraction` of a text's words: a copy cut at the top. A head and a
// tail of one text do not match each other, so the full text arriving later
// merges their clusters (and deleting it splits them again).
std::string TailCopy(const std::string& text, double fraction) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  std::string out;
  for (size_t i = words.size() - static_cast<size_t>(words.size() * fraction); i < words.size(); ++i)
    out += (out.empty() ? "" : " ") + words[i];
  return out;
}

// What the server acknowledged, across rounds. Ids are never reused, so a
// document must exist when its POST was acknowledged and no DELETE of it was
// sent, must not when a DELETE of it was acknowledged, and may either way
// otherwise (a POST or DELETE the kill cut off may have committed).
class Ledger {
 public:
  explicit Ledger(std::vector<std::string> pool) : pool_(std::move(pool)) {}

  // A text to post: unique, an exact copy, or a head or tail of an earlier one.
  std::string NextText(std::mt19937_64& rng) {
    std::lock_guard lock(mutex_);
    const int kind = static_cast<int>(rng() % 10);
    std::string text;
    if (kind < 4 || sent_texts_.empty()) {
      text = pool_[next_unique_++ % pool_.size()];
    } else {
      const std::string& earlier = sent_texts_[rng() % sent_texts_.size()];
      const double fraction = 0.45 + static_cast<double>(rng() % 45) / 100;
      // Cuts of cuts would shrink to nothing: short texts are copied whole.
      const bool long_enough = std::count(earlier.begin(), earlier.end(), ' ') >= 100;
      text = kind < 6 || !long_enough ? earlier
             : kind < 8               ? TrimmedCopy(earlier, fraction)
                                      : TailCopy(earlier, fraction);
    }
    sent_texts_.push_back(text);
    return text;
  }
  std::string NewId(const std::string& prefix) {
    std::lock_guard lock(mutex_);
    return prefix + "-" + std::to_string(sent_ids_++);
  }
  void Acknowledged(const std::string& id) {
    std::lock_guard lock(mutex_);
    acked_.insert(id);
    live_.push_back(id);
  }
  // An acknowledged, not yet deleted id, now marked as being deleted; empty
  // when there is none.
  std::string TakeForDelete(std::mt19937_64& rng) {
    std::lock_guard lock(mutex_);
    if (live_.empty()) return "";
    const size_t i = rng() % live_.size();
    std::string id = std::move(live_[i]);
    live_[i] = std::move(live_.back());
    live_.pop_back();
    delete_sent_.insert(id);
    return id;
  }
  void DeleteAcknowledged(const std::string& id) {
    std::lock_guard lock(mutex_);
    delete_acked_.insert(id);
  }
  // A POST the kill cut off: its documents may or may not be stored.
  void Unanswered(const json& documents) {
    std::lock_guard lock(mutex_);
    for (const json& d : documents) unanswered_.push_back(d["id"]);
  }
  std::vector<std::string> TakeUnanswered() {
    std::lock_guard lock(mutex_);
    return std::exchange(unanswered_, {});
  }
  void Problem(const std::string& what) {
    std::lock_guard lock(mutex_);
    if (problems_.size() < 20) problems_.push_back(what);
  }

  // Fewest and most documents the index may hold.
  size_t MinDocuments() const { return live_.size(); }
  size_t MaxDocuments() const { return sent_ids_ - delete_acked_.size(); }
  const std::set<std::string>& acked() const { return acked_; }
  bool DeleteSent(const std::string& id) const { return delete_sent_.count(id) > 0; }
  bool DeleteAcked(const std::string& id) const { return delete_acked_.count(id) > 0; }
  size_t deletes_acked() const { return delete_acked_.size(); }
  // Problems the clients met since the last call.
  std::vector<std::string> TakeProblems() {
    std::lock_guard lock(mutex_);
    return std::exchange(problems_, {});
  }

 private:
  std::mutex mutex_;
  const std::vector<std::string> pool_;
  size_t next_unique_ = 0;
  std::vector<std::string> sent_texts_;
  size_t sent_ids_ = 0;
  std::set<std::string> acked_, delete_sent_, delete_acked_;
  std::vector<std::string> live_;  // acknowledged, no DELETE sent
  std::vector<std::string> unanswered_;
  std::vector<std::string> problems_;
};

// One client: writes until the server goes away (a connection error after
// `signalled`) or `stop` is set.
void WriteUntilGone(CrashServer* server, Ledger* ledger, uint64_t seed, const std::string& prefix,
                    const std::atomic<bool>* signalled, const std::atomic<bool>* stop) {
  std::mt19937_64 rng(seed);
  auto client = server->Client();
  const auto gone = [&](const char* what) {
    if (!signalled->load()) ledger->Problem(std::string(what) + " failed before the server was signalled");
  };
  while (!stop->load()) {
    if (rng() % 100 < 12) {
      const std::string id = ledger->TakeForDelete(rng);
      if (id.empty()) continue;
      auto res = client->Delete(("/v1/documents/" + id).c_str());
      if (!res) return gone("DELETE");
      if (res->status == 200) ledger->DeleteAcknowledged(id);
      else if (res->status != 429 && res->status != 503)  // pushed back: outcome unknown, fine
        ledger->Problem("DELETE " + id + ": HTTP " + std::to_string(res->status) + " " + res->body);
      continue;
    }
    // One document, or a batch whose documents may copy each other.
    const size_t count = rng() % 3 == 0 ? 2 + rng() % 5 : 1;
    json documents = json::array();
    for (size_t i = 0; i < count; ++i) documents.push_back(DocumentJson(ledger->NewId(prefix), ledger->NextText(rng)));
    std::string body, type = "application/json";
    if (count == 1) {
      body = Dump(documents[0]);
    } else if (rng() % 2 == 0) {
      body = Dump(documents);
    } else {
      for (const json& d : documents) body += Dump(d) + "\n";
      type = "application/x-ndjson";
    }
    httplib::Result res = client->Post("/v1/documents", body, type);
    for (int attempt = 0; res && (res->status == 429 || res->status == 503) && attempt < 50 && !stop->load();
         ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2 + attempt));
      res = client->Post("/v1/documents", body, type);
    }
    if (!res) {
      if (signalled->load()) ledger->Unanswered(documents);
      return gone("POST");
    }
    if (res->status == 429 || res->status == 503) continue;
    const json reply = ParseBody(res);
    const json answers = reply.is_object() ? reply.value("documents", json()) : json();
    if (res->status != 200 || !answers.is_array() || answers.size() != count) {
      ledger->Problem("POST: HTTP " + std::to_string(res->status) + " " + res->body.substr(0, 300));
      continue;
    }
    for (size_t i = 0; i < count; ++i) {
      if (answers[i].is_object() && answers[i].value("stored", false) &&
          StringField(answers[i], "id") == documents[i]["id"])
        ledger->Acknowledged(documents[i]["id"]);
      else
        ledger->Problem("POST answered without storing: " + Dump(answers[i]));
    }
  }
}

// Runs the clients against `server`, sends it `signal` after `delay` while
// they write, waits for it to exit and returns its exit status.
int WriteThenSignal(CrashServer* server, Ledger* ledger, uint64_t seed, const std::string& prefix,
                    std::chrono::milliseconds delay, int signal) {
  std::atomic<bool> signalled{false}, stop{false};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back(WriteUntilGone, server, ledger, seed * 31 + c, prefix + "c" + std::to_string(c),
                         &signalled, &stop);
  std::this_thread::sleep_for(delay);
  signalled = true;
  const int status = server->Stop(signal);
  stop = true;  // also ends clients that a graceful shutdown left connected
  for (std::thread& t : clients) t.join();
  return status;
}

// GETs every acknowledged document (from a few threads: there are thousands
// after some rounds) and the health count.
void ExpectAcknowledgedWritesPresent(CrashServer* server, const Ledger& ledger) {
  const std::vector<std::string> ids(ledger.acked().begin(), ledger.acked().end());
  std::atomic<size_t> missing{0}, resurrected{0}, unanswered{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < kClients; ++r) {
    readers.emplace_back([&, r] {
      auto client = server->Client();
      for (size_t i = r; i < ids.size(); i += kClients) {
        const std::string& id = ids[i];
        auto res = client->Get(("/v1/documents/" + id).c_str());
        if (!res) {
          if (++unanswered <= 3) ADD_FAILURE() << "GET " << id << ": " << httplib::to_string(res.error());
        } else if (ledger.DeleteAcked(id)) {
          if (res->status != 404 && ++resurrected <= 5)
            ADD_FAILURE() << id << ": its DELETE was acknowledged, but GET answers " << res->status;
        } else if (!ledger.DeleteSent(id)) {
          if (res->status != 200 && ++missing <= 5)
            ADD_FAILURE() << id << ": acknowledged, but GET answers " << res->status << " " << res->body;
          else if (res->status == 200 && StringField(ParseBody(res), "id") != id)
            ADD_FAILURE() << "GET " << id << " answers another document: " << res->body;
        }
      }
    });
  }
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(missing.load(), 0u) << "acknowledged documents lost";
  EXPECT_EQ(resurrected.load(), 0u) << "acknowledged deletions undone";
  EXPECT_EQ(unanswered.load(), 0u) << "GETs without an answer";
  auto client = server->Client();
  const json health = ParseBody(client->Get("/v1/health"));
  ASSERT_TRUE(health.is_object() && health.contains("documents") && health["documents"].is_number_unsigned())
      << Dump(health);
  const size_t documents = health["documents"];
  EXPECT_GE(documents, ledger.MinDocuments()) << "health counts fewer documents than were acknowledged";
  EXPECT_LE(documents, ledger.MaxDocuments()) << "health counts more documents than were ever sent";
}

void ExpectIndexConsistent(const std::string& index_dir) {
  const CommandResult check = RunCli({"index", "check", "--index", index_dir});
  EXPECT_EQ(check.exit_code, 0) << "reprint index check: " << check.out << check.err;
}

std::unique_ptr<CrashServer> Restart(const std::string& index_dir) {
  std::string error;
  auto server = CrashServer::Start(index_dir, &error);
  EXPECT_NE(server, nullptr) << "the server did not reopen the index: " << error;
  return server;
}

TEST(ServeCrashTest, AcknowledgedWritesSurviveSigkill) {
  signal(SIGPIPE, SIG_IGN);  // a client writing to a killed server gets EPIPE
  const uint64_t seed = EnvNumber("REPRINT_CRASH_SEED", kDefaultSeed);
  const uint64_t rounds = EnvNumber("REPRINT_CRASH_ROUNDS", kDefaultRounds);
  std::printf("crash test: seed %llu, %llu rounds (REPRINT_CRASH_SEED, REPRINT_CRASH_ROUNDS)\n",
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(rounds));
  std::fflush(stdout);
  TempDir dir;
  const std::string index_dir = (dir.path() / "index").string();
  Ledger ledger(NewsTexts(2000));
  std::mt19937_64 rng(seed);
  const auto start = Clock::now();
  uint64_t kills = 0;

  std::unique_ptr<CrashServer> server = Restart(index_dir);
  ASSERT_NE(server, nullptr);
  for (uint64_t round = 0; round < rounds; ++round) {
    SCOPED_TRACE("seed " + std::to_string(seed) + ", round " + std::to_string(round) +
                 " (rerun: REPRINT_CRASH_SEED=" + std::to_string(seed) + ")");
    const size_t acked_before = ledger.acked().size();
    const auto delay = std::chrono::milliseconds(30 + rng() % 271);
    const std::string prefix = "r" + std::to_string(round);
    const int killed = WriteThenSignal(server.get(), &ledger, rng(), prefix, delay, SIGKILL);
    EXPECT_EQ(killed, 128 + SIGKILL) << server->StderrText();
    ++kills;
    for (const std::string& problem : ledger.TakeProblems()) ADD_FAILURE() << problem;
    server.reset();

    const auto check_start = Clock::now();
    ExpectIndexConsistent(index_dir);
    const auto open_start = Clock::now();
    server = Restart(index_dir);
    ASSERT_NE(server, nullptr);
    const auto verify_start = Clock::now();
    ExpectAcknowledgedWritesPresent(server.get(), ledger);
    // Documents of POSTs the kill cut off: committed ones show that the kill
    // landed between a commit and its answer.
    const std::vector<std::string> cut = ledger.TakeUnanswered();
    size_t cut_committed = 0;
    auto client = server->Client();
    for (const std::string& id : cut)
      if (auto res = client->Get(("/v1/documents/" + id).c_str()); res && res->status == 200) ++cut_committed;
    const auto seconds_since = [](Clock::time_point t) {
      return std::chrono::duration<double>(Clock::now() - t).count();
    };
    std::printf("round %llu: killed after %lld ms, %zu documents acknowledged (%zu in all, %zu deletions), "
                "%zu unanswered (%zu of them stored); check %.2f s, reopen %.2f s, %zu GETs %.2f s\n",
                static_cast<unsigned long long>(round), static_cast<long long>(delay.count()),
                ledger.acked().size() - acked_before, ledger.acked().size(), ledger.deletes_acked(), cut.size(),
                cut_committed,
                std::chrono::duration<double>(open_start - check_start).count(),
                std::chrono::duration<double>(verify_start - open_start).count(), ledger.acked().size(),
                seconds_since(verify_start));
    std::fflush(stdout);
    if (round % kTermEvery == kTermEvery - 1) {
      // Graceful shutdown while clients write: it must exit 0 and keep what it
      // acknowledged (checked after the next kill).
      const auto term_delay = std::chrono::milliseconds(30 + rng() % 121);
      const int status = WriteThenSignal(server.get(), &ledger, rng(), prefix + "t", term_delay, SIGTERM);
      EXPECT_EQ(status, 0) << "SIGTERM while writing: " << server->StderrText();
      for (const std::string& problem : ledger.TakeProblems()) ADD_FAILURE() << "before SIGTERM: " << problem;
      server.reset();
      server = Restart(index_dir);
      ASSERT_NE(server, nullptr);
    }
    if (::testing::Test::HasFailure()) {
      std::printf("crash test FAILED in round %llu; rerun with REPRINT_CRASH_SEED=%llu REPRINT_CRASH_ROUNDS=%llu\n",
                  static_cast<unsigned long long>(round), static_cast<unsigned long long>(seed),
                  static_cast<unsigned long long>(round + 1));
      std::fflush(stdout);
      return;
    }
  }
  // What the last SIGTERM round acknowledged, checked like the rest.
  ExpectAcknowledgedWritesPresent(server.get(), ledger);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("crash test: %llu kill points, %zu documents acknowledged, %zu deletions, %.1f s (seed %llu)\n",
              static_cast<unsigned long long>(kills), ledger.acked().size(), ledger.deletes_acked(), seconds,
              static_cast<unsigned long long>(seed));
}

}  // namespace
}  // namespace reprint::testing
