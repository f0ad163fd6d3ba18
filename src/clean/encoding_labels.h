// Character encodings of the WHATWG Encoding Standard and the labels pages
// use to name them ("latin1", "Shift_JIS", "x-sjis", ...), so that a
// declared charset means what it means in a browser: "iso-8859-1",
// "latin1" and "us-ascii" are windows-1252, "gb2312" is GBK (read as
// gb18030), "ks_c_5601-1987" is EUC-KR (windows-949), "shift_jis" is
// windows-31j.
//
// Left out: the "replacement" encoding (iso-2022-kr, hz-gb-2312,
// iso-2022-cn), which browsers render as a single U+FFFD; its labels count
// as unknown, so such a page keeps its text through UTF-8 repair instead.
//
// Thread safety: constant data and pure functions.
#pragma once

#include <string_view>

namespace reprint::clean {

struct Encoding {
  std::string_view name;  // the WHATWG name, e.g. "windows-1252"
  const char* icu_name;   // an ICU converter name for the same mapping
};

inline constexpr Encoding kUtf8{"UTF-8", "UTF-8"};
inline constexpr Encoding kUtf16Le{"UTF-16LE", "UTF-16LE"};
inline constexpr Encoding kUtf16Be{"UTF-16BE", "UTF-16BE"};
inline constexpr Encoding kWindows1252{"windows-1252", "windows-1252"};

// Returns the encoding `label` names (ASCII case-insensitive, surrounding
// whitespace ignored: the Encoding Standard's "get an encoding"), or nullptr
// for an unknown label. UTF-8, UTF-16 and windows-1252 labels return the
// constants above, so encodings compare by address.
// "x-user-defined" gives windows-1252 (the only use of it is the meta
// prescan, which maps it so).
const Encoding* EncodingForLabel(std::string_view label);

}  // namespace reprint::clean
