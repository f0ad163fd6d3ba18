// BearerToken: the shared secret clients send as `Authorization: Bearer T`.
//
// Thread safety: immutable after Load(); Matches() may run on any thread.
#pragma once

#include <string>
#include <string_view>

#include "reprint/status.h"

namespace reprint::serve {

class BearerToken {
 public:
  // Reads the token from the first line of `path` (surrounding whitespace is
  // not part of it). Fails when the file cannot be read or holds no token.
  static Result<BearerToken> Load(const std::string& path);

  // Returns true iff `authorization` (the header's value) is "Bearer " followed
  // by exactly the token. Takes the same time whatever the presented value
  // holds, so response times tell an attacker nothing about the token.
  bool Matches(std::string_view authorization) const;

 private:
  explicit BearerToken(std::string token) : token_(std::move(token)) {}
  std::string token_;
};

// Constant-time equality: returns true iff `presented` equals `secret`. The
// loop always runs over all of `secret` and never branches on the bytes, so
// its time depends only on the secret's length, not on how many leading bytes
// an attacker got right (which memcmp or == would reveal). A length mismatch
// is folded into the same accumulator instead of returning early.
bool ConstantTimeEquals(std::string_view presented, std::string_view secret);

}  // namespace reprint::serve
