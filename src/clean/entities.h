// HTML character reference decoding (every HTML5 named reference, decimal and
// hexadecimal numeric references), for text and for entity-mangled markup.
//
// Named references come from myhtml's table (the WHATWG list, 2231 names),
// with HTML5's rules: a name with ';' matches exactly; without ';' only the
// legacy names (&amp &copy &eacute ...) match, as the longest such prefix.
// Numeric references follow HTML5 too: 128-159 are read as Windows-1252,
// 0, surrogates and values above U+10FFFF become U+FFFD. Decoded C0 controls
// other than \t \n \r are dropped, keeping the clean stage's invariant.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace reprint::clean {

enum class EntityMode {
  kAll,         // decode everything (text)
  kMarkupSafe,  // keep references to & < > " ' as written, so that decoding
                // raw HTML never turns text into markup
};

// Appends `in` to *out with one level of references decoded.
// Returns true iff at least one reference was decoded.
bool DecodeEntitiesOnce(std::string_view in, EntityMode mode, std::string* out);

// Decodes repeatedly (text escaped twice or three times, "&amp;#8217;") until
// nothing changes or `max_rounds` rounds ran. Sets *out to the result; uses
// *scratch as a second buffer. Returns true iff anything was decoded.
// Cheap when `in` holds no '&': one memchr and one copy.
bool DecodeEntities(std::string_view in, EntityMode mode, int max_rounds, std::string* out,
                    std::string* scratch);

// Statistics used to recognise pages whose own markup went through an
// entity encoder (`<&sol;p>`, `class&equals;"x"`).
struct EntityStats {
  size_t references = 0;   // well-formed references of any kind
  size_t needless = 0;     // references to ASCII characters that HTML never
                           // needs escaped (punctuation other than & < > " ',
                           // tab, newline)
  size_t in_markup = 0;    // '/' right after '<', or '=' right before a quote
};
EntityStats CountEntities(std::string_view in);

// Returns true iff `html`'s own markup went through an entity encoder
// ("<&sol;p>", `class&equals;"x"`) and must be decoded (kMarkupSafe) before
// parsing: two such references in tag position, or a steady density of
// references HTML never needs.
bool LooksEntityEncodedMarkup(std::string_view html);

}  // namespace reprint::clean
