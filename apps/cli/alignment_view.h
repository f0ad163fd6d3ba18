// Rendering of a passage alignment for `reprint compare`: the two texts side
// by side, row by row in the order of A (added text where it sits in B), each
// row marked [=] reused, [~] edited, [-] cut (only in A) or [+] added (only
// in B), coloured with ANSI codes when writing to a terminal.
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string_view>

#include "reprint/align.h"

namespace reprint::cli {

struct ViewOptions {
  int width = 120;     // terminal columns
  bool colour = false; // ANSI colours
};

// Columns of stdout when it is a terminal, else $COLUMNS, else 120.
int TerminalWidth();

void PrintSideBySide(std::FILE* out, std::string_view a, std::string_view b, const Alignment& alignment,
                     const ViewOptions& options);

// The alignment as JSON: coverage, relation, passages and gaps (with their
// text on both sides), offsets into the clean texts a and b.
nlohmann::ordered_json AlignmentJson(const Alignment& alignment, std::string_view a, std::string_view b);

}  // namespace reprint::cli
