// Publication dates as pages write them -> ISO 8601.
//
// Accepted: ISO 8601 and its common variants ("2019-04-28 06:01:07",
// "2015-02-24T19:56:33.374Z", "+0100" offsets), "2019/04/28", RFC 2822
// ("Tue, 05 Mar 2019 10:00:00 GMT") and English month names ("March 5, 2019",
// "5 Mar. 2019"). Years outside 1900..2100 are refused.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace reprint::extract {

// Returns "YYYY-MM-DD", or "YYYY-MM-DDThh:mm:ss" followed by "Z" or "+hh:mm"
// when the input has a time (and a zone); "" when `text` is not a date.
std::string NormalizeDate(std::string_view text);

}  // namespace reprint::extract
