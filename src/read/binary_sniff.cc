#include "read/binary_sniff.h"

#include <cstring>

namespace reprint::read {

bool LooksBinary(const char* data, size_t size) {
  if (size == 0) return false;
  if (std::memchr(data, '\0', size) != nullptr) return true;
  size_t control = 0;
  for (size_t i = 0; i < size; ++i) {
    const auto c = static_cast<unsigned char>(data[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1b) {
      ++control;
    } else if (c == 0x7f) {
      ++control;
    }
  }
  return control * 10 > size * 3;
}

}  // namespace reprint::read

namespace reprint::read {

bool IsBlank(const char* data, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    const char c = data[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r') return false;
  }
  return true;
}

}  // namespace reprint::read
