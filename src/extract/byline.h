// Authors from a byline as pages print it: "By Jane Doe and John Roe ·
// 14 March 2025" -> {"Jane Doe", "John Roe"}. The byline block often carries
// the date, the agency or a role after a separator; those parts are dropped.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reprint::extract {

std::vector<std::string> AuthorsFromByline(std::string_view byline);

}  // namespace reprint::extract
