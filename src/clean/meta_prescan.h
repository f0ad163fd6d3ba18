// The HTML spec's "prescan a byte stream to determine its encoding": the
// charset a page declares in <meta charset=...> or <meta http-equiv=
// "Content-Type" content="...; charset=...">, read the way browsers read it
// before parsing. Tolerant like them: quoted or bare values, any case,
// attributes in any order, comments and other tags (with their attribute
// values, which may hold '>' or "<meta") skipped.
//
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <string_view>

#include "clean/encoding_labels.h"

namespace reprint::clean {

// Browsers look no further for a <meta> charset.
inline constexpr size_t kPrescanBytes = 1024;

// Returns the encoding declared by the first <meta> in the first
// kPrescanBytes of `page` that declares a known one, or nullptr. A
// http-equiv declaration counts only with http-equiv="content-type"; a
// declaration cut off at kPrescanBytes does not count. UTF-16 labels give
// UTF-8 (a page that could be prescanned as ASCII is not UTF-16) and
// x-user-defined gives windows-1252, as the spec says.
const Encoding* PrescanMetaCharset(std::string_view page);

}  // namespace reprint::clean
