#include "read/decompress.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "read/read_test_util.h"

namespace reprint::read {
namespace {

using testing::Gzip;
using testing::Zstd;

// Decompresses `data` (by its magic) reading `step` bytes at a time.
Result<std::string> Inflate(const std::string& data, size_t step = 777) {
  Compression kind = SniffCompression(data.data(), data.size());
  auto source = NewDecompressingSource(kind, NewMemorySource(data));
  std::string out, buf(step, '\0');
  for (;;) {
    Result<size_t> r = source->Read(buf.data(), buf.size());
    if (!r.ok()) return r.status();
    if (r.value() == 0) break;
    out.append(buf.data(), r.value());
  }
  EXPECT_EQ(source->raw_bytes(), data.size());
  return out;
}

std::string RandomText(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>("abcde fghij\n"[rng() % 12]));
  return s;
}

TEST(ReadDecompressTest, SniffsMagicNumbers) {
  EXPECT_EQ(SniffCompression("\x1f\x8b", 2), Compression::kGzip);
  EXPECT_EQ(SniffCompression("\x28\xb5\x2f\xfd", 4), Compression::kZstd);
  EXPECT_EQ(SniffCompression("{\"id\"", 5), Compression::kNone);
  EXPECT_EQ(SniffCompression("\x1f", 1), Compression::kNone);
}

TEST(ReadDecompressTest, GzipRoundTripsIncludingMultipleMembers) {
  std::string a = RandomText(300000, 1), b = RandomText(1000, 2);
  EXPECT_EQ(Inflate(Gzip(a)).value(), a);
  EXPECT_EQ(Inflate(Gzip(a) + Gzip(b) + Gzip("")).value(), a + b + "");
  EXPECT_EQ(Inflate(Gzip(b), 1).value(), b);
}

TEST(ReadDecompressTest, ZstdRoundTripsIncludingMultipleFrames) {
  std::string a = RandomText(300000, 3), b = RandomText(1000, 4);
  EXPECT_EQ(Inflate(Zstd(a)).value(), a);
  EXPECT_EQ(Inflate(Zstd(a) + Zstd(b)).value(), a + b);
}

TEST(ReadDecompressTest, TruncatedGzipIsAnError) {
  std::string z = Gzip(RandomText(100000, 5));
  Result<std::string> r = Inflate(z.substr(0, z.size() / 2));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("truncated gzip"), std::string::npos) << r.status().message();
}

TEST(ReadDecompressTest, CorruptGzipIsAnError) {
  std::string z = Gzip(RandomText(100000, 6));
  for (size_t i = 20; i < 40; ++i) z[i] = static_cast<char>(z[i] ^ 0x5a);
  Result<std::string> r = Inflate(z);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("gzip"), std::string::npos) << r.status().message();
}

TEST(ReadDecompressTest, GzipWithTrailingGarbageIsAnError) {
  EXPECT_FALSE(Inflate(Gzip("hello") + "garbage").ok());
}

TEST(ReadDecompressTest, TruncatedAndCorruptZstdAreErrors) {
  std::string z = Zstd(RandomText(100000, 7));
  Result<std::string> truncated = Inflate(z.substr(0, z.size() - 10));
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().message().find("zstd"), std::string::npos);
  std::string corrupt = z;
  for (size_t i = 10; i < corrupt.size(); i += 97) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x33);
  EXPECT_FALSE(Inflate(corrupt).ok());
}

TEST(ReadDecompressTest, ErrorsAreSticky) {
  std::string z = Zstd(RandomText(1000, 8));
  auto source = NewDecompressingSource(Compression::kZstd, NewMemorySource(z.substr(0, 20)));
  char buf[4096];
  Result<size_t> r = source->Read(buf, sizeof buf);
  while (r.ok() && r.value() > 0) r = source->Read(buf, sizeof buf);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(source->Read(buf, sizeof buf).ok());
}

}  // namespace
}  // namespace reprint::read
