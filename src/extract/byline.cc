#include "extract/byline.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace reprint::extract {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (IsSpace(s.front()) || s.front() == ',' || s.front() == ':')) s.remove_prefix(1);
  while (!s.empty() && (IsSpace(s.back()) || s.back() == ',' || s.back() == '.')) s.remove_suffix(1);
  return s;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

// The byline up to the first separator that starts another field (a date,
// the publisher, "Updated ...").
std::string_view FirstField(std::string_view s) {
  static constexpr std::array<std::string_view, 8> kSeparators = {
      " \xC2\xB7 ", " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", "\n", " \xE2\x80\xA2 ", "; "};
  size_t end = s.size();
  for (std::string_view sep : kSeparators) end = std::min(end, s.find(sep));
  return s.substr(0, end);
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Parts of a byline that are not a person: a date ("14.03.2025",
// "Sunday"), or a credential after a name ("Jane Doe, MA", "…, PhD").
bool IsNotAName(std::string_view part, bool after_a_name) {
  if (part.empty() || HasDigit(part)) return true;
  for (std::string_view day : {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
    if (part.size() == day.size() && StartsWithNoCase(part, day)) return true;
  }
  return after_a_name && part.size() <= 4 && part.find(' ') == std::string_view::npos;
}

}  // namespace

std::vector<std::string> AuthorsFromByline(std::string_view byline) {
  std::string_view s = Trim(byline);
  // "By", in the languages whose pages we see most, as a word of its own.
  for (std::string_view prefix : {"written by", "words by", "by", "von", "par", "por", "di", "door"}) {
    if (StartsWithNoCase(s, prefix) &&
        (s.size() == prefix.size() || IsSpace(s[prefix.size()]) || s[prefix.size()] == ':')) {
      s = Trim(s.substr(prefix.size()));
      break;
    }
  }
  s = Trim(FirstField(s));
  std::vector<std::string> authors;
  while (!s.empty()) {
    size_t cut = std::string_view::npos, skip = 0;
    for (std::string_view sep : {" and ", " & ", ", "}) {
      const size_t at = s.find(sep);
      if (at < cut) cut = at, skip = sep.size();
    }
    std::string_view name = Trim(s.substr(0, cut));
    if (!IsNotAName(name, !authors.empty())) authors.emplace_back(name);
    s = cut == std::string_view::npos ? std::string_view() : s.substr(cut + skip);
  }
  return authors;
}

}  // namespace reprint::extract
