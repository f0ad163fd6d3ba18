#include "extract/date.h"

#include <cstdio>

namespace reprint::extract {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at *pos.
bool Digits(std::string_view s, size_t* pos, int n, int* value) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    if (*pos + i >= s.size() || !IsDigit(s[*pos + i])) return false;
    v = v * 10 + (s[*pos + i] - '0');
  }
  *pos += n;
  *value = v;
  return true;
}

// Reads 1 or 2 digits.
bool SmallNumber(std::string_view s, size_t* pos, int* value) {
  if (*pos >= s.size() || !IsDigit(s[*pos])) return false;
  int v = s[(*pos)++] - '0';
  if (*pos < s.size() && IsDigit(s[*pos])) v = v * 10 + (s[(*pos)++] - '0');
  *value = v;
  return true;
}

bool ValidDay(int y, int m, int d) {
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

std::string Format(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Parses "hh:mm[:ss[.fff]][zone]" at *pos and appends "Thh:mm:ss[zone]".
void AppendTime(std::string_view s, size_t pos, std::string* out) {
  int h = 0, mi = 0, sec = 0;
  if (!SmallNumber(s, &pos, &h) || pos >= s.size() || s[pos] != ':') return;
  ++pos;
  if (!Digits(s, &pos, 2, &mi)) return;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!Digits(s, &pos, 2, &sec)) return;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      while (pos < s.size() && IsDigit(s[pos])) ++pos;
    }
  }
  if (h > 23 || mi > 59 || sec > 60) return;
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", h, mi, sec);
  out->append(buf);
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos >= s.size()) return;
  if (s[pos] == 'Z' || s.substr(pos, 3) == "GMT" || s.substr(pos, 3) == "UTC") {
    // "GMT+2" is rare enough to read as GMT.
    out->push_back('Z');
    return;
  }
  if (s[pos] == '+' || s[pos] == '-') {
    const char sign = s[pos++];
    int zh = 0, zm = 0;
    if (!Digits(s, &pos, 2, &zh)) return;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (!Digits(s, &pos, 2, &zm)) zm = 0;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, zh, zm);
    out->append(buf);
  }
}

int MonthByName(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  char low[3];
  for (int i = 0; i < 3; ++i) low[i] = static_cast<char>(word[i] | 0x20);
  for (int m = 0; m < 12; ++m) {
    if (std::string_view(low, 3) == kMonths[m]) return m + 1;
  }
  return 0;
}

// "March 5, 2019 10:00", "5 March 2019", "Tue, 05 Mar 2019 10:00:00 GMT".
std::string NamedMonth(std::string_view s) {
  int day = 0, month = 0, year = 0;
  size_t time_pos = std::string_view::npos;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (IsDigit(c)) {
      size_t j = i;
      while (j < s.size() && IsDigit(s[j])) ++j;
      const std::string_view num = s.substr(i, j - i);
      if (j < s.size() && s[j] == ':') {
        if (year != 0 && time_pos == std::string_view::npos) time_pos = i;
        break;
      }
      int v = 0;
      for (char d : num) v = v * 10 + (d - '0');
      if (num.size() == 4 && year == 0) {
        year = v;
      } else if (num.size() <= 2 && day == 0) {
        day = v;
      }
      i = j;
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      size_t j = i;
      while (j < s.size() && ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z')) ++j;
      if (month == 0) month = MonthByName(s.substr(i, j - i));
      i = j;
    } else {
      ++i;
    }
  }
  if (!ValidDay(year, month, day)) return {};
  std::string out = Format(year, month, day);
  if (time_pos != std::string_view::npos) AppendTime(s, time_pos, &out);
  return out;
}

}  // namespace

std::string NormalizeDate(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t')) text.remove_prefix(1);
  if (text.size() > 64) text = text.substr(0, 64);
  size_t pos = 0;
  int y = 0, m = 0, d = 0;
  if (Digits(text, &pos, 4, &y) && pos < text.size() && (text[pos] == '-' || text[pos] == '/' || text[pos] == '.')) {
    const char sep = text[pos++];
    if (SmallNumber(text, &pos, &m) && pos < text.size() && text[pos] == sep) {
      ++pos;
      if (SmallNumber(text, &pos, &d) && ValidDay(y, m, d)) {
        std::string out = Format(y, m, d);
        if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) AppendTime(text, pos + 1, &out);
        return out;
      }
    }
    return {};
  }
  return NamedMonth(text);
}

}  // namespace reprint::extract
