#include "clean/html_tags.h"

#include <algorithm>
#include <array>

namespace reprint::clean {
namespace {

struct TagEntry {
  std::string_view name;
  uint8_t flags;
};

constexpr uint8_t K = kTagKnown;
constexpr uint8_t B = kTagKnown | kTagBlock;
constexpr uint8_t D = kTagKnown | kTagDrop;
constexpr uint8_t C = kTagKnown | kTagBlock | kTagChrome;
constexpr uint8_t V = kTagKnown | kTagVoid;
constexpr uint8_t R = kTagRawText;
constexpr uint8_t N = kTagNoNest;

// Sorted by name for binary search.
constexpr TagEntry kTags[] = {
    {"a", K},          {"abbr", K},         {"address", B},     {"area", V},
    {"article", B},    {"aside", C},        {"audio", D},       {"b", K},
    {"base", V},       {"bdi", K},          {"bdo", K},         {"big", K},
    {"blockquote", B}, {"body", B},         {"br", B | V},      {"button", C},
    {"canvas", D},     {"caption", B},      {"center", B},      {"cite", K},
    {"code", K},       {"col", V},          {"colgroup", K},    {"data", K},
    {"dd", B | N},     {"del", K},          {"details", B},     {"dfn", K},
    {"dialog", B},     {"dir", B},          {"div", B},         {"dl", B},
    {"dt", B | N},     {"em", K},           {"embed", D | V},   {"fieldset", B},
    {"figcaption", B}, {"figure", B},       {"font", K},        {"footer", C},
    {"form", C},       {"frameset", B},     {"h1", B},          {"h2", B},
    {"h3", B},         {"h4", B},           {"h5", B},          {"h6", B},
    {"head", D},       {"header", C},       {"hgroup", B},      {"hr", B | V},
    {"html", B},       {"i", K},            {"iframe", D | R},  {"img", V},
    {"input", V},      {"ins", K},          {"kbd", K},         {"keygen", V},
    {"label", K},      {"legend", B},       {"li", B | N},      {"link", V},
    {"listing", B},    {"main", B},         {"map", K},         {"mark", K},
    {"math", D},       {"menu", B},         {"meta", V},        {"nav", C},
    {"noembed", D | R}, {"noframes", D | R}, {"noscript", D},    {"object", D},
    {"ol", B},         {"optgroup", B | N}, {"option", B | N},  {"p", B | N},
    {"param", V},      {"picture", K},      {"plaintext", B | R}, {"pre", B},
    {"q", K},          {"rp", K | N},       {"rt", K | N},      {"ruby", K},
    {"s", K},          {"samp", K},         {"script", D | R},  {"section", B},
    {"select", C},     {"small", K},        {"source", V},      {"span", K},
    {"strike", K},     {"strong", K},       {"style", D | R},   {"sub", K},
    {"summary", B},    {"sup", K},          {"svg", D},         {"table", B},
    {"tbody", B | N},  {"td", B | N},       {"template", D},    {"textarea", D | R},
    {"tfoot", B | N},  {"th", B | N},       {"thead", B | N},   {"time", K},
    {"title", B | R},  {"tr", B | N},       {"track", V},       {"tt", K},
    {"u", K},          {"ul", B},           {"var", K},         {"video", D},
    {"wbr", V},        {"xmp", B | R},
};

constexpr bool IsSorted() {
  for (size_t i = 1; i < std::size(kTags); ++i) {
    if (!(kTags[i - 1].name < kTags[i].name)) return false;
  }
  return true;
}
static_assert(IsSorted(), "kTags must be sorted for binary search");

constexpr size_t kMaxNameLength = 10;  // "blockquote", "figcaption"

}  // namespace

uint8_t TagFlagsOf(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) return 0;
  char lower[kMaxNameLength];
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view key(lower, name.size());
  const auto* it = std::lower_bound(std::begin(kTags), std::end(kTags), key,
                                    [](const TagEntry& e, std::string_view k) { return e.name < k; });
  if (it == std::end(kTags) || it->name != key) return 0;
  return it->flags;
}

}  // namespace reprint::clean
