#include "bearer_token.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "bind_address.h"

namespace reprint::serve {
namespace {

TEST(BearerTokenTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secreT", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secre", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("secrets", "secret"));
  EXPECT_FALSE(ConstantTimeEquals("", "secret"));
  // A prefix padded with the complement of the missing byte must not match.
  EXPECT_FALSE(ConstantTimeEquals(std::string("secre") + static_cast<char>(~'t'), "secret"));
}

TEST(BearerTokenTest, LoadsTheFirstLineAndChecksTheScheme) {
  const auto path = std::filesystem::temp_directory_path() / ("reprint_token_" + std::to_string(::getpid()));
  std::ofstream(path) << "  tok3n \nignored\n";
  Result<BearerToken> token = BearerToken::Load(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_TRUE(token->Matches("Bearer tok3n"));
  EXPECT_FALSE(token->Matches("bearer tok3n"));
  EXPECT_FALSE(token->Matches("Basic tok3n"));
  EXPECT_FALSE(token->Matches("Bearer tok3n "));
  EXPECT_FALSE(token->Matches(""));
  EXPECT_FALSE(BearerToken::Load("/nonexistent/token").ok());
}

TEST(BindAddressTest, ParsesAndKnowsLoopback) {
  auto v4 = ParseBindAddress("127.0.0.1:8080");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 8080);
  auto v6 = ParseBindAddress("[::1]:0");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(HostPort(v6->host, 80), "[::1]:80");
  EXPECT_FALSE(ParseBindAddress("127.0.0.1").ok());
  EXPECT_FALSE(ParseBindAddress("127.0.0.1:99999").ok());
  EXPECT_FALSE(ParseBindAddress("127.0.0.1:http").ok());

  EXPECT_TRUE(IsLoopback("127.0.0.1"));
  EXPECT_TRUE(IsLoopback("127.1.2.3"));
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("localhost"));
  EXPECT_FALSE(IsLoopback("0.0.0.0"));
  EXPECT_FALSE(IsLoopback("::"));
  EXPECT_FALSE(IsLoopback("192.168.1.4"));
  EXPECT_FALSE(IsLoopback("example.com"));
}

}  // namespace
}  // namespace reprint::serve
