#include "clean/charset.h"

#include <gtest/gtest.h>

#include <string>

#include "clean/utf8.h"

namespace reprint::clean {
namespace {

std::string Name(const Encoding* e) { return e == nullptr ? "" : std::string(e->name); }

struct Decoded {
  std::string text;
  std::string encoding;
  bool replaced;
};

Decoded DecodeWith(CharsetDecoder* decoder, std::string_view page) {
  std::string buffer;
  const CharsetDecoder::Page p = decoder->Decode(page, &buffer);
  EXPECT_TRUE(IsCleanUtf8(p.text));
  return {std::string(p.text), std::string(p.encoding->name), p.replaced};
}

Decoded Decode(std::string_view page) {
  CharsetDecoder decoder;
  return DecodeWith(&decoder, page);
}

TEST(EncodingLabelsTest, LabelsNameWhatwgEncodings) {
  EXPECT_EQ(EncodingForLabel("utf-8"), &kUtf8);
  EXPECT_EQ(EncodingForLabel(" UTF8\t"), &kUtf8);
  EXPECT_EQ(EncodingForLabel("Latin1"), &kWindows1252);
  EXPECT_EQ(EncodingForLabel("ISO-8859-1"), &kWindows1252);
  EXPECT_EQ(EncodingForLabel("us-ascii"), &kWindows1252);
  EXPECT_EQ(EncodingForLabel("utf-16"), &kUtf16Le);
  EXPECT_EQ(Name(EncodingForLabel("x-sjis")), "Shift_JIS");
  EXPECT_EQ(Name(EncodingForLabel("ks_c_5601-1987")), "EUC-KR");
  EXPECT_EQ(Name(EncodingForLabel("iso-8859-9")), "windows-1254");
  EXPECT_EQ(Name(EncodingForLabel("CSEUCPKDFMTJAPANESE")), "EUC-JP");
  EXPECT_EQ(EncodingForLabel(""), nullptr);
  EXPECT_EQ(EncodingForLabel("utf-9"), nullptr);
  EXPECT_EQ(EncodingForLabel("iso-2022-kr"), nullptr);  // the replacement encoding
  EXPECT_EQ(EncodingForLabel("a-label-much-longer-than-any-known-one"), nullptr);
}

TEST(CharsetTest, EveryEncodingButIso8859_16HasAnIcuConverter) {
  CharsetDecoder decoder;
  for (const char* label : {"ibm866", "latin2", "latin3", "latin4", "cyrillic", "arabic", "greek", "hebrew",
                            "logical", "latin6", "iso-8859-13", "iso-8859-14", "l9", "koi8-r", "koi8-u",
                            "mac", "windows-874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255",
                            "cp1256", "cp1257", "cp1258", "x-mac-cyrillic", "gbk", "gb18030", "big5", "euc-jp",
                            "iso-2022-jp", "sjis", "euc-kr", "utf-16le", "utf-16be", "utf-8"}) {
    const Encoding* e = EncodingForLabel(label);
    ASSERT_NE(e, nullptr) << label;
    std::string out;
    bool replaced = true;
    EXPECT_TRUE(decoder.ToUtf8(std::string_view("a", e == &kUtf16Le || e == &kUtf16Be ? 0 : 1), *e, &out,
                               &replaced))
        << label;
    EXPECT_FALSE(replaced) << label;
  }
  std::string out;
  bool replaced;
  EXPECT_FALSE(decoder.ToUtf8("a", *EncodingForLabel("iso-8859-16"), &out, &replaced));
}

TEST(CharsetTest, Windows1252PageWithMetaCharset) {
  const std::string page =
      "<html><head><meta charset=\"windows-1252\"><title>Caf\xE9 society</title></head>"
      "<body><p>\x93" "Caf\xE9\x94 \x96 d\xE9j\xE0 vu</p></body></html>";
  EXPECT_EQ(Name(SniffHtmlCharset(page).encoding), "windows-1252");
  const Decoded d = Decode(page);
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_FALSE(d.replaced);
  EXPECT_NE(d.text.find("<title>Caf\u00e9 society</title>"), std::string::npos);
  EXPECT_NE(d.text.find("<p>\u201cCaf\u00e9\u201d \u2013 d\u00e9j\u00e0 vu</p>"), std::string::npos);
}

TEST(CharsetTest, Iso8859_2PolishAndCzech) {
  const std::string page =
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\">"
      "<p>Za\xBF\xF3\xB3\xE6 g\xEA\xB6l\xB1 ja\xBC\xF1. P\xF8\xEDli\xB9 \xBElu\xBBou\xE8k\xFD k\xF9\xF2.</p>";
  const Decoded d = Decode(page);
  EXPECT_EQ(d.encoding, "ISO-8859-2");
  EXPECT_NE(d.text.find("Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144. "
                        "P\u0159\u00edli\u0161 \u017elu\u0165ou\u010dk\u00fd k\u016f\u0148."),
            std::string::npos);
}

TEST(CharsetTest, ShiftJisPageWithHttpEquiv) {
  const std::string page =
      "<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\">"
      "<title>\x93\xFA\x96{\x8C\xEA\x82\xCC\x83j\x83\x85\x81[\x83X\x8BL\x8E\x96</title></head>"
      "<body><p>\x93\x8C\x8B\x9E\x82\xC5\x8D\xF7\x82\xAA\x96\x9E\x8AJ\x82\xC9\x82\xC8\x82\xE8\x82\xDC"
      "\x82\xB5\x82\xBD\x81" "B</p></body></html>";
  const Decoded d = Decode(page);
  EXPECT_EQ(d.encoding, "Shift_JIS");
  EXPECT_FALSE(d.replaced);
  EXPECT_NE(d.text.find("<title>\u65e5\u672c\u8a9e\u306e\u30cb\u30e5\u30fc\u30b9\u8a18\u4e8b</title>"),
            std::string::npos);
  EXPECT_NE(d.text.find("<p>\u6771\u4eac\u3067\u685c\u304c\u6e80\u958b\u306b\u306a\u308a\u307e\u3057"
                        "\u305f\u3002</p>"),
            std::string::npos);
}

TEST(CharsetTest, Utf16WithByteOrderMark) {
  const std::string le("\xFF\xFE<\0p\0>\0C\0a\0f\0\xE9\0<\0/\0p\0>\0", 24);
  EXPECT_TRUE(HasUtf16Bom(le));
  EXPECT_EQ(SniffHtmlCharset(le).bom_bytes, 2u);
  Decoded d = Decode(le);
  EXPECT_EQ(d.encoding, "UTF-16LE");
  EXPECT_EQ(d.text, "<p>Caf\u00e9</p>");
  const std::string be("\xFE\xFF\0<\0p\0>\0C\0a\0f\0\xE9\0<\0/\0p\0>", 24);
  d = Decode(be);
  EXPECT_EQ(d.encoding, "UTF-16BE");
  EXPECT_EQ(d.text, "<p>Caf\u00e9</p>");
  // A lone surrogate and an odd trailing byte become U+FFFD.
  d = Decode(std::string("\xFF\xFE" "a\0\x00\xD8" "b\0c", 9));
  EXPECT_EQ(d.text, "a\uFFFD" "b\uFFFD");
  EXPECT_TRUE(d.replaced);
}

TEST(CharsetTest, UndeclaredNonUtf8FallsBackToWindows1252) {
  const std::string page = "<html><body><p>Un caf\xE9 cr\xE8me, s'il vous pla\xEEt.</p></body></html>";
  EXPECT_EQ(Name(SniffHtmlCharset(page).encoding), "windows-1252");
  const Decoded d = Decode(page);
  EXPECT_EQ(d.text, "<html><body><p>Un caf\u00e9 cr\u00e8me, s'il vous pla\u00eet.</p></body></html>");
  EXPECT_FALSE(d.replaced);
}

TEST(CharsetTest, MislabeledPages) {
  // Saved as UTF-8, still declaring its old charset: the bytes win.
  const std::string utf8 = "<meta charset=gb2312><p>\u4e2d\u6587 caf\u00e9\x01</p>";
  EXPECT_EQ(Name(SniffHtmlCharset(utf8).encoding), "UTF-8");
  EXPECT_EQ(Decode(utf8).text, "<meta charset=gb2312><p>\u4e2d\u6587 caf\u00e9</p>");
  EXPECT_EQ(Decode("<meta charset=latin1><p>caf\u00e9</p>").text, "<meta charset=latin1><p>caf\u00e9</p>");
  // Declared UTF-8 with Latin-1 bytes: repaired, as browsers show it.
  const Decoded d = Decode("<meta charset=utf-8><p>caf\xE9</p>");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.text, "<meta charset=utf-8><p>caf\uFFFD</p>");
  EXPECT_TRUE(d.replaced);
  // A UTF-8 byte order mark outranks the meta.
  EXPECT_EQ(Decode("\xEF\xBB\xBF<meta charset=latin1><p>caf\xE9</p>").encoding, "UTF-8");
}

TEST(CharsetTest, LabelAfter1024BytesIsIgnored) {
  const std::string page = "<html><head>" + std::string(1100, ' ') +
                           "<meta charset=windows-1251></head><body><p>\xED\xEE\xE2\xEE\xF1\xF2\xE8</p>";
  EXPECT_EQ(Name(SniffHtmlCharset(page).encoding), "windows-1252");
  EXPECT_NE(Decode(page).text.find("<p>\u00ed\u00ee\u00e2\u00ee\u00f1\u00f2\u00e8</p>"), std::string::npos);
  const std::string early = "<meta charset=windows-1251><p>\xED\xEE\xE2\xEE\xF1\xF2\xE8</p>";
  EXPECT_EQ(Decode(early).text, "<meta charset=windows-1251><p>\u043d\u043e\u0432\u043e\u0441\u0442\u0438</p>");
}

TEST(CharsetTest, MalformedMetaFallsBackToTheBytes) {
  EXPECT_EQ(Name(SniffHtmlCharset("<meta charset=\"latin2><p>caf\xE9</p>").encoding), "windows-1252");
  EXPECT_EQ(Name(SniffHtmlCharset("<meta charset=bogus><p>caf\xE9</p>").encoding), "windows-1252");
  EXPECT_EQ(Name(SniffHtmlCharset("<meta charset=bogus><p>caf\u00e9\x01</p>").encoding), "UTF-8");
}

TEST(CharsetTest, EmptyAndCleanInputCostNothing) {
  EXPECT_EQ(Name(SniffHtmlCharset("").encoding), "UTF-8");
  CharsetDecoder decoder;
  std::string buffer = "untouched";
  const std::string_view page = "<meta charset=windows-1252><p>plain ASCII</p>";
  const CharsetDecoder::Page p = decoder.Decode(page, &buffer);
  EXPECT_EQ(p.text.data(), page.data());  // no copy
  EXPECT_EQ(buffer, "untouched");
  const CharsetDecoder::Page empty = decoder.Decode("", &buffer);
  EXPECT_TRUE(empty.text.empty());
  EXPECT_EQ(empty.encoding, &kUtf8);
}

TEST(CharsetTest, InvalidBytesAndControlsAreReplacedOrDropped) {
  // 0xFF starts no gb18030 sequence; 0x01 is a C0 control.
  const Decoded d = Decode("<meta charset=gbk><p>a\xFF" "b\x01" "c\xD6\xD0</p>");
  EXPECT_EQ(d.text, "<meta charset=gbk><p>a\uFFFD" "bc\u4e2d</p>");
  EXPECT_TRUE(d.replaced);
  // windows-1252 maps every byte, 0x81 to U+0081 as in browsers.
  EXPECT_FALSE(Decode("<meta charset=windows-1252><p>a\x81</p>").replaced);
}

TEST(CharsetTest, SevenBitIso2022JpKeepsItsDeclaration) {
  const Decoded d = Decode("<meta charset=iso-2022-jp><p>\x1B$BF|K\x5C" "8l\x1B(B</p>");
  EXPECT_EQ(d.encoding, "ISO-2022-JP");
  EXPECT_EQ(d.text, "<meta charset=iso-2022-jp><p>\u65e5\u672c\u8a9e</p>");
}

TEST(CharsetTest, EncodingWithoutIcuConverterIsRepairedAsUtf8) {
  const Decoded d = Decode("<meta charset=iso-8859-16><p>\xDE" "ar\xE3</p>");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.text, "<meta charset=iso-8859-16><p>\uFFFD" "ar\uFFFD</p>");
  EXPECT_TRUE(d.replaced);
}

TEST(CharsetTest, OneDecoderServesManyPagesAndGrowsItsBuffer) {
  CharsetDecoder decoder;
  // Half-width katakana: one Shift_JIS byte becomes three UTF-8 bytes.
  const std::string kana = "<meta charset=sjis>" + std::string(10000, '\xB1');
  std::string expected = "<meta charset=sjis>";
  for (int i = 0; i < 10000; ++i) expected += "\uFF71";
  // Cut inside an ISO-2022-JP escape: the next page must not inherit its state.
  const std::string cut = "<meta charset=iso-2022-jp><p>\x1B$B";
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(DecodeWith(&decoder, kana).text, expected);
    EXPECT_EQ(DecodeWith(&decoder, "<p>caf\xE9</p>").text, "<p>caf\u00e9</p>");
    DecodeWith(&decoder, cut);
    EXPECT_EQ(DecodeWith(&decoder, "<meta charset=iso-2022-jp><p>ab\x01</p>").text,
              "<meta charset=iso-2022-jp><p>ab</p>");
  }
}

TEST(CharsetTest, PlainTextIsUtf8UnlessItIsNot) {
  EXPECT_EQ(SniffTextCharset("caf\xC3\xA9").encoding, &kUtf8);
  EXPECT_EQ(SniffTextCharset("caf\xE9").encoding, &kWindows1252);
  EXPECT_EQ(SniffTextCharset("\xEF\xBB\xBF" "caf\xC3\xA9").bom_bytes, 3u);
  EXPECT_EQ(SniffTextCharset(std::string_view("\xFF\xFE" "c\0", 4)).encoding, &kUtf16Le);
  // Text never reads a <meta>.
  EXPECT_EQ(SniffTextCharset("<meta charset=shift_jis> caf\xE9").encoding, &kWindows1252);
  CharsetDecoder decoder;
  std::string buffer;
  const CharsetDecoder::Page page = decoder.DecodeText("na\xEFve r\xE9sum\xE9", &buffer);
  EXPECT_EQ(page.text, "na\u00efve r\u00e9sum\u00e9");
  EXPECT_EQ(page.encoding, &kWindows1252);
}

}  // namespace
}  // namespace reprint::clean
