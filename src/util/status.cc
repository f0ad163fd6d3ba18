#include "reprint/status.h"

#include "reprint/document.h"

namespace reprint {

std::string Status::ToString() const {
  switch (code_) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "invalid argument: " + message_;
    case StatusCode::kNotFound: return "not found: " + message_;
    case StatusCode::kIoError: return "I/O error: " + message_;
    case StatusCode::kMalformedInput: return "malformed input: " + message_;
    case StatusCode::kTooLarge: return "too large: " + message_;
    case StatusCode::kUnsupported: return "unsupported: " + message_;
    case StatusCode::kBusy: return "busy: " + message_;
    case StatusCode::kCorruption: return "corruption: " + message_;
  }
  return message_;
}

std::string SourceLocation::ToString() const {
  if (line == 0) return file;
  return file + ":" + std::to_string(line);
}

}  // namespace reprint
