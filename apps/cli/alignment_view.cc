#include "alignment_view.h"

#include <cmath>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

namespace reprint::cli {
namespace {

enum class RowKind { kReused, kEdited, kCut, kAdded };

struct Row {
  RowKind kind;
  size_t a_begin, a_end, b_begin, b_end;  // a_begin/b_begin also order the rows
};

const char* Marker(RowKind kind) {
  switch (kind) {
    case RowKind::kReused: return "[=]";
    case RowKind::kEdited: return "[~]";
    case RowKind::kCut: return "[-]";
    case RowKind::kAdded: return "[+]";
  }
  return "[?]";
}

const char* Colour(RowKind kind) {
  switch (kind) {
    case RowKind::kReused: return "";
    case RowKind::kEdited: return "\033[33m";
    case RowKind::kCut: return "\033[31m";
    case RowKind::kAdded: return "\033[32m";
  }
  return "";
}

RowKind FromGap(GapKind kind) {
  return kind == GapKind::kCut ? RowKind::kCut : kind == GapKind::kAdded ? RowKind::kAdded : RowKind::kEdited;
}

// Rows of one passage: reused stretches between its inside gaps.
void AddPassageRows(const AlignedSpan& span, const std::vector<const Gap*>& inside, std::vector<Row>* rows) {
  size_t a = span.a_begin, b = span.b_begin;
  for (const Gap* g : inside) {
    if (g->a_begin > a || g->b_begin > b) rows->push_back({RowKind::kReused, a, g->a_begin, b, g->b_begin});
    rows->push_back({FromGap(g->kind), g->a_begin, g->a_end, g->b_begin, g->b_end});
    a = g->a_end, b = g->b_end;
  }
  if (a < span.a_end || b < span.b_end) rows->push_back({RowKind::kReused, a, span.a_end, b, span.b_end});
}

std::vector<Row> MakeRows(const Alignment& al) {
  std::vector<Row> rows;
  std::vector<std::vector<const Gap*>> inside(al.spans.size());
  for (const Gap& g : al.gaps) {
    if (!g.inside_passage) {
      rows.push_back({FromGap(g.kind), g.a_begin, g.a_end, g.b_begin, g.b_end});
      continue;
    }
    for (size_t s = 0; s < al.spans.size(); ++s) {
      const AlignedSpan& span = al.spans[s];
      if (g.a_begin >= span.a_begin && g.a_end <= span.a_end && g.b_begin >= span.b_begin && g.b_end <= span.b_end) {
        inside[s].push_back(&g);
        break;
      }
    }
  }
  for (size_t s = 0; s < al.spans.size(); ++s) AddPassageRows(al.spans[s], inside[s], &rows);
  std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
    return x.a_begin != y.a_begin ? x.a_begin < y.a_begin : x.b_begin < y.b_begin;
  });
  return rows;
}

// Code points of UTF-8 text (continuation bytes do not count).
size_t DisplayWidth(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Splits text into lines of at most `width` columns at spaces; whitespace runs
// (paragraph breaks included) become single spaces.
std::vector<std::string> Wrap(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t line_width = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t end = i;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    if (end == i) break;
    std::string_view word = text.substr(i, end - i);
    const size_t w = DisplayWidth(word);
    if (line_width > 0 && line_width + 1 + w > width) {
      lines.push_back(std::move(line));
      line.clear();
      line_width = 0;
    }
    if (line_width > 0) line += ' ', ++line_width;
    line += word;
    line_width += w;
    i = end;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace

int TerminalWidth() {
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    const int c = std::atoi(columns);
    if (c >= 40) return c;
  }
  return 120;
}

void PrintSideBySide(std::FILE* out, std::string_view a, std::string_view b, const Alignment& alignment,
                     const ViewOptions& options) {
  const size_t column = static_cast<size_t>(std::max(options.width, 40) - 7) / 2;  // "[=] " + " | "
  std::fprintf(out, "    %-*s | %s\n", static_cast<int>(column), "A", "B");
  for (const Row& row : MakeRows(alignment)) {
    const std::vector<std::string> left = Wrap(a.substr(row.a_begin, row.a_end - row.a_begin), column);
    const std::vector<std::string> right = Wrap(b.substr(row.b_begin, row.b_end - row.b_begin), column);
    const char* colour = options.colour ? Colour(row.kind) : "";
    const char* reset = options.colour && *colour ? "\033[0m" : "";
    for (size_t k = 0; k < std::max({left.size(), right.size(), size_t{1}}); ++k) {
      const std::string& l = k < left.size() ? left[k] : std::string();
      const std::string& r = k < right.size() ? right[k] : std::string();
      const size_t pad = column - std::min(column, DisplayWidth(l));
      std::fprintf(out, "%s%s %s%*s | %s%s\n", colour, k == 0 ? Marker(row.kind) : "   ", l.c_str(),
                   static_cast<int>(pad), "", r.c_str(), reset);
    }
  }
}

namespace {
double Round4(double x) { return std::round(x * 10000) / 10000; }
}  // namespace

nlohmann::ordered_json AlignmentJson(const Alignment& al, std::string_view a, std::string_view b) {
  nlohmann::ordered_json j;
  j["coverage_a"] = Round4(al.coverage_a);
  j["coverage_b"] = Round4(al.coverage_b);
  j["relation"] = std::string(ReuseRelationName(al.relation));
  j["a_words"] = al.a_words;
  j["b_words"] = al.b_words;
  j["spans"] = nlohmann::ordered_json::array();
  for (const AlignedSpan& s : al.spans) {
    j["spans"].push_back({{"a_begin", s.a_begin}, {"a_end", s.a_end}, {"b_begin", s.b_begin}, {"b_end", s.b_end},
                          {"a_words", s.a_words}, {"b_words", s.b_words}, {"matched_words", s.matched_words},
                          {"score", s.score}});
  }
  j["gaps"] = nlohmann::ordered_json::array();
  for (const Gap& g : al.gaps) {
    j["gaps"].push_back({{"kind", std::string(GapKindName(g.kind))}, {"inside_passage", g.inside_passage},
                         {"a_begin", g.a_begin}, {"a_end", g.a_end}, {"b_begin", g.b_begin}, {"b_end", g.b_end},
                         {"a_words", g.a_words}, {"b_words", g.b_words},
                         {"a_text", std::string(a.substr(g.a_begin, g.a_end - g.a_begin))},
                         {"b_text", std::string(b.substr(g.b_begin, g.b_end - g.b_begin))}});
  }
  return j;
}

}  // namespace reprint::cli
