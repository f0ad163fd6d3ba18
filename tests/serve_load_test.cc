// `reprint serve` under load: many concurrent clients, slow clients that
// must not block others, and a graceful shutdown that loses no acknowledged
// document.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

#include "serve_test_util.h"
#include "test_util.h"

namespace reprint::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::unique_ptr<ServeProcess> StartServer(const std::string& index_dir, const std::vector<std::string>& args) {
  std::string error;
  auto server = ServeProcess::Start(index_dir, args, &error);
  EXPECT_NE(server, nullptr) << error;
  return server;
}

// POSTs one document, retrying on back-pressure (429, 503). Returns the final
// status, or -1 when the connection failed.
int PostWithRetry(httplib::Client* client, const std::string& id, const std::string& text,
                  std::atomic<int>* pushed_back) {
  const std::string body = DocumentJson(id, text).dump();
  for (int attempt = 0; attempt < 200; ++attempt) {
    auto res = client->Post("/v1/documents", body, "application/json");
    if (!res) {
      ADD_FAILURE() << "POST " << id << ": " << httplib::to_string(res.error());
      return -1;
    }
    if (res->status != 429 && res->status != 503) return res->status;
    pushed_back->fetch_add(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + attempt));
  }
  return 503;
}

TEST(ServeLoadTest, ManyConcurrentClients) {
  TempDir dir;
  // Fewer admission slots than clients, so some requests meet back-pressure.
  auto server = StartServer((dir.path() / "index").string(), {"--max-inflight", "6", "--threads", "32"});
  ASSERT_NE(server, nullptr);
  const MutatedCorpus corpus = MakeMutatedCorpus(120, 200, 7);
  constexpr int kClients = 16;
  std::atomic<int> failures{0}, pushed_back{0};
  std::vector<std::thread> clients;
  const auto start = Clock::now();
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      auto client = server->Client();
      for (size_t i = c; i < corpus.ids.size(); i += kClients)
        if (PostWithRetry(client.get(), corpus.ids[i], corpus.texts[i], &pushed_back) != 200) failures.fetch_add(1);
    });
  }
  for (std::thread& t : clients) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("%zu documents from %d clients in %.2f s (%.0f/s), %d pushed back\n", corpus.ids.size(), kClients,
              seconds, corpus.ids.size() / seconds, pushed_back.load());
  EXPECT_EQ(failures.load(), 0);

  auto client = server->Client();
  for (const std::string& id : corpus.ids) {
    auto res = client->Get(("/v1/documents/" + id).c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << id;
  }
  json health = ParseBody(client->Get("/v1/health"));
  EXPECT_EQ(health["documents"], corpus.ids.size());
}

// A raw TCP connection to the server.
int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Seconds until the server closes `fd` (reading and discarding whatever it
// sends); -1 if it is still open after `limit` seconds.
double SecondsUntilClosed(int fd, int limit) {
  timeval tick{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof(tick));
  const auto start = Clock::now();
  char buffer[4096];
  while (std::chrono::duration<double>(Clock::now() - start).count() < limit) {
    const ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
      return std::chrono::duration<double>(Clock::now() - start).count();
  }
  return -1;
}

TEST(ServeLoadTest, StalledClientsDoNotBlockOthersAndAreDropped) {
  TempDir dir;
  auto server = StartServer((dir.path() / "index").string(), {"--read-timeout", "1", "--keep-alive-timeout", "1", "--threads", "8"});
  ASSERT_NE(server, nullptr);

  // One client stalls inside the headers, another after announcing a body.
  const int in_headers = Connect(server->port());
  const int in_body = Connect(server->port());
  ASSERT_GE(in_headers, 0);
  ASSERT_GE(in_body, 0);
  const std::string partial = "GET /v1/health HTTP/1.1\r\nHost: x\r\n";
  const std::string announced = "POST /v1/documents HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{\"id\":";
  ASSERT_EQ(send(in_headers, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  ASSERT_EQ(send(in_body, announced.data(), announced.size(), 0), static_cast<ssize_t>(announced.size()));

  // Others are answered meanwhile, promptly.
  auto client = server->Client();
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    auto res = client->Get("/v1/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 0.5);
  }

  // And the stalled ones are disconnected: httplib answers a timed-out
  // request with 400 and then waits the keep-alive timeout for the next one,
  // so both timeouts add up (2 s here).
  const double headers_closed = SecondsUntilClosed(in_headers, 8);
  const double body_closed = SecondsUntilClosed(in_body, 8);
  std::printf("stalled clients disconnected after %.2f s (in headers) and %.2f s (in body)\n", headers_closed,
              body_closed);
  EXPECT_GE(headers_closed, 0) << "a client stalled in its headers was never disconnected";
  EXPECT_GE(body_closed, 0) << "a client stalled in its body was never disconnected";
  EXPECT_LT(headers_closed, 4);
  close(in_headers);
  close(in_body);
  auto res = client->Get("/v1/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST(ServeLoadTest, SigtermFinishesInFlightRequestsAndKeepsAcknowledgedDocuments) {
  TempDir dir;
  const std::string index = (dir.path() / "index").string();
  auto server = StartServer(index, {});
  ASSERT_NE(server, nullptr);
  const MutatedCorpus corpus = MakeMutatedCorpus(150, 150, 11);

  constexpr int kClients = 8;
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::atomic<int> sent{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      auto client = server->Client();
      for (size_t i = c; i < corpus.ids.size() && !stop.load(); i += kClients) {
        auto res = client->Post("/v1/documents", DocumentJson(corpus.ids[i], corpus.texts[i]).dump(),
                                "application/json");
        sent.fetch_add(1);
        if (!res) break;  // the server has stopped accepting
        if (res->status != 200) continue;
        json answer = ParseBody(res)["documents"][0];
        if (answer["stored"] == true) {
          std::lock_guard<std::mutex> lock(mutex);
          acknowledged.push_back(corpus.ids[i]);
        }
      }
    });
  }
  while (sent.load() < 40) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(server->Stop(SIGTERM), 0) << server->StderrText();
  stop.store(true);
  for (std::thread& t : clients) t.join();
  server.reset();
  std::printf("%zu documents acknowledged before SIGTERM\n", acknowledged.size());
  ASSERT_GE(acknowledged.size(), 30u);

  server = StartServer(index, {});
  ASSERT_NE(server, nullptr);
  auto client = server->Client();
  for (const std::string& id : acknowledged) {
    auto res = client->Get(("/v1/documents/" + id).c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << id << " was acknowledged but is missing after the restart";
  }
}

}  // namespace
}  // namespace reprint::testing
