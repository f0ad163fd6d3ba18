#include "read/utf8_repair.h"

namespace reprint::read {
namespace {

// Length of the valid UTF-8 sequence at p[0..n), or 0 if it is invalid; in
// that case *bad gets the length of its maximal invalid prefix (>= 1).
size_t ValidSequence(const unsigned char* p, size_t n, size_t* bad) {
  const unsigned char c = p[0];
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // bounds for the second byte
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  size_t i = 1;
  for (; i < len && i < n; ++i) {
    const unsigned char b = p[i];
    const unsigned char l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
    if (b < l || b > h) break;
  }
  if (i == len) return len;
  *bad = i;
  return 0;
}

}  // namespace

size_t AppendRepairedUtf8(const char* data, size_t size, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(data);
  size_t replaced = 0, i = 0, run = 0;  // run: start of the pending valid stretch
  out->reserve(out->size() + size + 16);
  while (i < size) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    size_t bad = 0;
    size_t len = ValidSequence(p + i, size - i, &bad);
    if (len > 0) {
      i += len;
      continue;
    }
    out->append(data + run, i - run);
    out->append("\xEF\xBF\xBD");
    ++replaced;
    i += bad;
    run = i;
  }
  out->append(data + run, size - run);
  return replaced;
}

}  // namespace reprint::read

namespace reprint::read {
namespace {

// Returns the code unit of a "\uXXXX" escape at p[0..n), or -1.
int EscapedUnit(const char* p, size_t n) {
  if (n < 6 || p[0] != '\\' || p[1] != 'u') return -1;
  int v = 0;
  for (int i = 2; i < 6; ++i) {
    const char c = p[i];
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

bool IsHigh(int u) { return u >= 0xD800 && u <= 0xDBFF; }
bool IsLow(int u) { return u >= 0xDC00 && u <= 0xDFFF; }

}  // namespace

size_t AppendWithLoneSurrogatesReplaced(const char* data, size_t size, std::string* out) {
  size_t replaced = 0, i = 0, run = 0;
  out->reserve(out->size() + size);
  while (i < size) {
    if (data[i] != '\\') {
      ++i;
      continue;
    }
    const int unit = EscapedUnit(data + i, size - i);
    if (unit < 0) {  // another escape (\\, \", \n ...): skip both characters
      i += 2;
      continue;
    }
    if (IsHigh(unit) && IsLow(EscapedUnit(data + i + 6, size - i - 6))) {
      i += 12;  // a proper pair
      continue;
    }
    if (IsHigh(unit) || IsLow(unit)) {
      out->append(data + run, i - run);
      out->append("\\uFFFD");
      ++replaced;
      run = i + 6;
    }
    i += 6;
  }
  out->append(data + run, size - run);
  return replaced;
}

}  // namespace reprint::read
