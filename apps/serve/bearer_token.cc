#include "bearer_token.h"

#include <fstream>

namespace reprint::serve {

Result<BearerToken> BearerToken::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read the token file " + path);
  std::string line;
  std::getline(in, line);
  const size_t first = line.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return Status::InvalidArgument("the token file " + path + " holds no token");
  const size_t last = line.find_last_not_of(" \t\r\n");
  return BearerToken(line.substr(first, last - first + 1));
}

bool BearerToken::Matches(std::string_view authorization) const {
  constexpr std::string_view kScheme = "Bearer ";
  // The scheme is public, so checking it first leaks nothing about the token.
  if (authorization.substr(0, kScheme.size()) != kScheme) return false;
  return ConstantTimeEquals(authorization.substr(kScheme.size()), token_);
}

bool ConstantTimeEquals(std::string_view presented, std::string_view secret) {
  // volatile keeps the compiler from turning the loop into an early exit.
  volatile unsigned char difference = presented.size() == secret.size() ? 0 : 1;
  for (size_t i = 0; i < secret.size(); ++i) {
    // Past the end of a shorter presented value, compare against a byte that
    // differs from the secret's: the mismatch is already recorded above.
    const unsigned char p = i < presented.size() ? static_cast<unsigned char>(presented[i])
                                                 : static_cast<unsigned char>(~secret[i]);
    difference = difference | (p ^ static_cast<unsigned char>(secret[i]));
  }
  return difference == 0;
}

}  // namespace reprint::serve
