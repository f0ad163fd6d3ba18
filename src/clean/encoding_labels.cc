#include "clean/encoding_labels.h"

#include <algorithm>
#include <array>

namespace reprint::clean {
namespace {

// ICU names chosen for the WHATWG mapping where ICU offers several tables:
// GBK pages are read as gb18030 (the Standard's GBK decoder is gb18030's),
// Big5 as Big5-HKSCS, Shift_JIS as windows-31j and EUC-KR as windows-949,
// the Microsoft supersets browsers decode.
constexpr Encoding kIbm866{"IBM866", "ibm-866"};
constexpr Encoding kIso8859_2{"ISO-8859-2", "ISO-8859-2"};
constexpr Encoding kIso8859_3{"ISO-8859-3", "ISO-8859-3"};
constexpr Encoding kIso8859_4{"ISO-8859-4", "ISO-8859-4"};
constexpr Encoding kIso8859_5{"ISO-8859-5", "ISO-8859-5"};
constexpr Encoding kIso8859_6{"ISO-8859-6", "ISO-8859-6"};
constexpr Encoding kIso8859_7{"ISO-8859-7", "ISO-8859-7"};
constexpr Encoding kIso8859_8{"ISO-8859-8", "ISO-8859-8"};
// Logical order differs from ISO-8859-8 in rendering only, not in bytes.
constexpr Encoding kIso8859_8I{"ISO-8859-8-I", "ISO-8859-8"};
constexpr Encoding kIso8859_10{"ISO-8859-10", "ISO-8859-10"};
constexpr Encoding kIso8859_13{"ISO-8859-13", "ISO-8859-13"};
constexpr Encoding kIso8859_14{"ISO-8859-14", "ISO-8859-14"};
constexpr Encoding kIso8859_15{"ISO-8859-15", "ISO-8859-15"};
// Not in ICU's default data: such pages fall back to UTF-8 repair.
constexpr Encoding kIso8859_16{"ISO-8859-16", "ISO-8859-16"};
constexpr Encoding kKoi8R{"KOI8-R", "KOI8-R"};
constexpr Encoding kKoi8U{"KOI8-U", "KOI8-U"};
constexpr Encoding kMacintosh{"macintosh", "macintosh"};
constexpr Encoding kWindows874{"windows-874", "windows-874"};
constexpr Encoding kWindows1250{"windows-1250", "windows-1250"};
constexpr Encoding kWindows1251{"windows-1251", "windows-1251"};
constexpr Encoding kWindows1253{"windows-1253", "windows-1253"};
constexpr Encoding kWindows1254{"windows-1254", "windows-1254"};
constexpr Encoding kWindows1255{"windows-1255", "windows-1255"};
constexpr Encoding kWindows1256{"windows-1256", "windows-1256"};
constexpr Encoding kWindows1257{"windows-1257", "windows-1257"};
constexpr Encoding kWindows1258{"windows-1258", "windows-1258"};
constexpr Encoding kXMacCyrillic{"x-mac-cyrillic", "x-mac-cyrillic"};
constexpr Encoding kGbk{"GBK", "GB18030"};
constexpr Encoding kGb18030{"gb18030", "GB18030"};
constexpr Encoding kBig5{"Big5", "Big5-HKSCS"};
constexpr Encoding kEucJp{"EUC-JP", "EUC-JP"};
constexpr Encoding kIso2022Jp{"ISO-2022-JP", "ISO-2022-JP"};
constexpr Encoding kShiftJis{"Shift_JIS", "windows-31j"};
constexpr Encoding kEucKr{"EUC-KR", "windows-949"};

struct Label {
  std::string_view label;
  const Encoding* encoding;
};

// The Encoding Standard's label table, sorted for binary search.
constexpr std::array kLabels = std::to_array<Label>({
    {"866", &kIbm866}, {"ansi_x3.4-1968", &kWindows1252}, {"arabic", &kIso8859_6},
    {"ascii", &kWindows1252}, {"asmo-708", &kIso8859_6}, {"big5", &kBig5}, {"big5-hkscs", &kBig5},
    {"chinese", &kGbk}, {"cn-big5", &kBig5}, {"cp1250", &kWindows1250}, {"cp1251", &kWindows1251},
    {"cp1252", &kWindows1252}, {"cp1253", &kWindows1253}, {"cp1254", &kWindows1254},
    {"cp1255", &kWindows1255}, {"cp1256", &kWindows1256}, {"cp1257", &kWindows1257},
    {"cp1258", &kWindows1258}, {"cp819", &kWindows1252}, {"cp866", &kIbm866}, {"csbig5", &kBig5},
    {"cseuckr", &kEucKr}, {"cseucpkdfmtjapanese", &kEucJp}, {"csgb2312", &kGbk},
    {"csibm866", &kIbm866}, {"csiso2022jp", &kIso2022Jp}, {"csiso58gb231280", &kGbk},
    {"csiso88596e", &kIso8859_6}, {"csiso88596i", &kIso8859_6}, {"csiso88598e", &kIso8859_8},
    {"csiso88598i", &kIso8859_8I}, {"csisolatin1", &kWindows1252}, {"csisolatin2", &kIso8859_2},
    {"csisolatin3", &kIso8859_3}, {"csisolatin4", &kIso8859_4}, {"csisolatin5", &kWindows1254},
    {"csisolatin6", &kIso8859_10}, {"csisolatin9", &kIso8859_15}, {"csisolatinarabic", &kIso8859_6},
    {"csisolatincyrillic", &kIso8859_5}, {"csisolatingreek", &kIso8859_7},
    {"csisolatinhebrew", &kIso8859_8}, {"cskoi8r", &kKoi8R}, {"csksc56011987", &kEucKr},
    {"csmacintosh", &kMacintosh}, {"csshiftjis", &kShiftJis}, {"csunicode", &kUtf16Le},
    {"cyrillic", &kIso8859_5}, {"dos-874", &kWindows874}, {"ecma-114", &kIso8859_6},
    {"ecma-118", &kIso8859_7}, {"elot_928", &kIso8859_7}, {"euc-jp", &kEucJp}, {"euc-kr", &kEucKr},
    {"gb18030", &kGb18030}, {"gb2312", &kGbk}, {"gb_2312", &kGbk}, {"gb_2312-80", &kGbk},
    {"gbk", &kGbk}, {"greek", &kIso8859_7}, {"greek8", &kIso8859_7}, {"hebrew", &kIso8859_8},
    {"ibm819", &kWindows1252}, {"ibm866", &kIbm866}, {"iso-10646-ucs-2", &kUtf16Le},
    {"iso-2022-jp", &kIso2022Jp}, {"iso-8859-1", &kWindows1252}, {"iso-8859-10", &kIso8859_10},
    {"iso-8859-11", &kWindows874}, {"iso-8859-13", &kIso8859_13}, {"iso-8859-14", &kIso8859_14},
    {"iso-8859-15", &kIso8859_15}, {"iso-8859-16", &kIso8859_16}, {"iso-8859-2", &kIso8859_2},
    {"iso-8859-3", &kIso8859_3}, {"iso-8859-4", &kIso8859_4}, {"iso-8859-5", &kIso8859_5},
    {"iso-8859-6", &kIso8859_6}, {"iso-8859-6-e", &kIso8859_6}, {"iso-8859-6-i", &kIso8859_6},
    {"iso-8859-7", &kIso8859_7}, {"iso-8859-8", &kIso8859_8}, {"iso-8859-8-e", &kIso8859_8},
    {"iso-8859-8-i", &kIso8859_8I}, {"iso-8859-9", &kWindows1254}, {"iso-ir-100", &kWindows1252},
    {"iso-ir-101", &kIso8859_2}, {"iso-ir-109", &kIso8859_3}, {"iso-ir-110", &kIso8859_4},
    {"iso-ir-126", &kIso8859_7}, {"iso-ir-127", &kIso8859_6}, {"iso-ir-138", &kIso8859_8},
    {"iso-ir-144", &kIso8859_5}, {"iso-ir-148", &kWindows1254}, {"iso-ir-149", &kEucKr},
    {"iso-ir-157", &kIso8859_10}, {"iso-ir-58", &kGbk}, {"iso8859-1", &kWindows1252},
    {"iso8859-10", &kIso8859_10}, {"iso8859-11", &kWindows874}, {"iso8859-13", &kIso8859_13},
    {"iso8859-14", &kIso8859_14}, {"iso8859-15", &kIso8859_15}, {"iso8859-2", &kIso8859_2},
    {"iso8859-3", &kIso8859_3}, {"iso8859-4", &kIso8859_4}, {"iso8859-5", &kIso8859_5},
    {"iso8859-6", &kIso8859_6}, {"iso8859-7", &kIso8859_7}, {"iso8859-8", &kIso8859_8},
    {"iso8859-9", &kWindows1254}, {"iso88591", &kWindows1252}, {"iso885910", &kIso8859_10},
    {"iso885911", &kWindows874}, {"iso885913", &kIso8859_13}, {"iso885914", &kIso8859_14},
    {"iso885915", &kIso8859_15}, {"iso88592", &kIso8859_2}, {"iso88593", &kIso8859_3},
    {"iso88594", &kIso8859_4}, {"iso88595", &kIso8859_5}, {"iso88596", &kIso8859_6},
    {"iso88597", &kIso8859_7}, {"iso88598", &kIso8859_8}, {"iso88599", &kWindows1254},
    {"iso_8859-1", &kWindows1252}, {"iso_8859-15", &kIso8859_15}, {"iso_8859-1:1987", &kWindows1252},
    {"iso_8859-2", &kIso8859_2}, {"iso_8859-2:1987", &kIso8859_2}, {"iso_8859-3", &kIso8859_3},
    {"iso_8859-3:1988", &kIso8859_3}, {"iso_8859-4", &kIso8859_4}, {"iso_8859-4:1988", &kIso8859_4},
    {"iso_8859-5", &kIso8859_5}, {"iso_8859-5:1988", &kIso8859_5}, {"iso_8859-6", &kIso8859_6},
    {"iso_8859-6:1987", &kIso8859_6}, {"iso_8859-7", &kIso8859_7}, {"iso_8859-7:1987", &kIso8859_7},
    {"iso_8859-8", &kIso8859_8}, {"iso_8859-8:1988", &kIso8859_8}, {"iso_8859-9", &kWindows1254},
    {"iso_8859-9:1989", &kWindows1254}, {"koi", &kKoi8R}, {"koi8", &kKoi8R}, {"koi8-r", &kKoi8R},
    {"koi8-ru", &kKoi8U}, {"koi8-u", &kKoi8U}, {"koi8_r", &kKoi8R}, {"korean", &kEucKr},
    {"ks_c_5601-1987", &kEucKr}, {"ks_c_5601-1989", &kEucKr}, {"ksc5601", &kEucKr},
    {"ksc_5601", &kEucKr}, {"l1", &kWindows1252}, {"l2", &kIso8859_2}, {"l3", &kIso8859_3},
    {"l4", &kIso8859_4}, {"l5", &kWindows1254}, {"l6", &kIso8859_10}, {"l9", &kIso8859_15},
    {"latin1", &kWindows1252}, {"latin2", &kIso8859_2}, {"latin3", &kIso8859_3},
    {"latin4", &kIso8859_4}, {"latin5", &kWindows1254}, {"latin6", &kIso8859_10},
    {"logical", &kIso8859_8I}, {"mac", &kMacintosh}, {"macintosh", &kMacintosh}, {"ms932", &kShiftJis},
    {"ms_kanji", &kShiftJis}, {"shift-jis", &kShiftJis}, {"shift_jis", &kShiftJis},
    {"sjis", &kShiftJis}, {"sun_eu_greek", &kIso8859_7}, {"tis-620", &kWindows874},
    {"ucs-2", &kUtf16Le}, {"unicode", &kUtf16Le}, {"unicode-1-1-utf-8", &kUtf8},
    {"unicode11utf8", &kUtf8}, {"unicode20utf8", &kUtf8}, {"unicodefeff", &kUtf16Le},
    {"unicodefffe", &kUtf16Be}, {"us-ascii", &kWindows1252}, {"utf-16", &kUtf16Le},
    {"utf-16be", &kUtf16Be}, {"utf-16le", &kUtf16Le}, {"utf-8", &kUtf8}, {"utf8", &kUtf8},
    {"visual", &kIso8859_8}, {"windows-1250", &kWindows1250}, {"windows-1251", &kWindows1251},
    {"windows-1252", &kWindows1252}, {"windows-1253", &kWindows1253}, {"windows-1254", &kWindows1254},
    {"windows-1255", &kWindows1255}, {"windows-1256", &kWindows1256}, {"windows-1257", &kWindows1257},
    {"windows-1258", &kWindows1258}, {"windows-31j", &kShiftJis}, {"windows-874", &kWindows874},
    {"windows-949", &kEucKr}, {"x-cp1250", &kWindows1250}, {"x-cp1251", &kWindows1251},
    {"x-cp1252", &kWindows1252}, {"x-cp1253", &kWindows1253}, {"x-cp1254", &kWindows1254},
    {"x-cp1255", &kWindows1255}, {"x-cp1256", &kWindows1256}, {"x-cp1257", &kWindows1257},
    {"x-cp1258", &kWindows1258}, {"x-euc-jp", &kEucJp}, {"x-gbk", &kGbk},
    {"x-mac-cyrillic", &kXMacCyrillic}, {"x-mac-roman", &kMacintosh},
    {"x-mac-ukrainian", &kXMacCyrillic}, {"x-sjis", &kShiftJis}, {"x-unicode20utf8", &kUtf8},
    {"x-user-defined", &kWindows1252}, {"x-x-big5", &kBig5},
});

static_assert(std::is_sorted(kLabels.begin(), kLabels.end(),
                             [](const Label& a, const Label& b) { return a.label < b.label; }));

constexpr size_t kLongestLabel = 19;  // "cseucpkdfmtjapanese"

bool IsLabelSpace(char c) { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }

}  // namespace

const Encoding* EncodingForLabel(std::string_view label) {
  while (!label.empty() && IsLabelSpace(label.front())) label.remove_prefix(1);
  while (!label.empty() && IsLabelSpace(label.back())) label.remove_suffix(1);
  if (label.empty() || label.size() > kLongestLabel) return nullptr;
  char lower[kLongestLabel];
  for (size_t i = 0; i < label.size(); ++i) {
    const char c = label[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view key(lower, label.size());
  const auto it = std::lower_bound(kLabels.begin(), kLabels.end(), key,
                                   [](const Label& l, std::string_view k) { return l.label < k; });
  return it != kLabels.end() && it->label == key ? it->encoding : nullptr;
}

}  // namespace reprint::clean
