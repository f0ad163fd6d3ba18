#include "clean/meta_prescan.h"

#include <gtest/gtest.h>

#include <string>

namespace reprint::clean {
namespace {

// The declared encoding's WHATWG name, or "" for none.
std::string Declared(std::string_view page) {
  const Encoding* e = PrescanMetaCharset(page);
  return e == nullptr ? "" : std::string(e->name);
}

TEST(MetaPrescanTest, MetaCharsetQuotedOrBareInAnyCase) {
  EXPECT_EQ(Declared("<meta charset=\"windows-1252\">"), "windows-1252");
  EXPECT_EQ(Declared("<meta charset='ISO-8859-2'>"), "ISO-8859-2");
  EXPECT_EQ(Declared("<META CHARSET=Shift_JIS>"), "Shift_JIS");
  EXPECT_EQ(Declared("<meta charset=koi8-r/>"), "");  // a bare value runs to space or '>'
  EXPECT_EQ(Declared("<meta charset=koi8-r />"), "KOI8-R");
  EXPECT_EQ(Declared("<meta/charset=latin2>"), "ISO-8859-2");
  EXPECT_EQ(Declared("<meta \n charset \t=\n \" euc-kr \" >"), "EUC-KR");
  EXPECT_EQ(Declared("<!doctype html><html><head><title>t</title><meta charset=gbk>"), "GBK");
}

TEST(MetaPrescanTest, HttpEquivContentType) {
  EXPECT_EQ(Declared("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"),
            "Shift_JIS");
  // Attribute order does not matter; the charset may be quoted inside.
  EXPECT_EQ(Declared("<meta content='text/html;charset=\"big5\"' HTTP-EQUIV='content-type'>"), "Big5");
  EXPECT_EQ(Declared("<meta http-equiv=content-type content=\"text/html; CHARSET = euc-jp ; x\">"),
            "EUC-JP");
  // Without http-equiv="content-type" a content attribute declares nothing.
  EXPECT_EQ(Declared("<meta content=\"text/html; charset=koi8-r\">"), "");
  EXPECT_EQ(Declared("<meta http-equiv=refresh content=\"0; charset=koi8-r\">"), "");
  // "charset" without '=' is skipped, the next one counts.
  EXPECT_EQ(Declared("<meta http-equiv=content-type content=\"charsetx; charset=latin1\">"), "windows-1252");
  EXPECT_EQ(Declared("<meta http-equiv=content-type content=\"text/html; charset=\">"), "");
  EXPECT_EQ(Declared("<meta http-equiv=content-type content=\"charset='koi8-r\">"), "");  // unmatched
}

TEST(MetaPrescanTest, LabelsMapAsInBrowsers) {
  EXPECT_EQ(Declared("<meta charset=iso-8859-1>"), "windows-1252");
  EXPECT_EQ(Declared("<meta charset=us-ascii>"), "windows-1252");
  EXPECT_EQ(Declared("<meta charset=utf-16>"), "UTF-8");  // an ASCII-readable page is not UTF-16
  EXPECT_EQ(Declared("<meta charset=utf-16be>"), "UTF-8");
  EXPECT_EQ(Declared("<meta charset=x-user-defined>"), "windows-1252");
  EXPECT_EQ(Declared("<meta charset=gb2312>"), "GBK");
}

TEST(MetaPrescanTest, UnknownLabelsAreIgnoredAndLaterMetasCount) {
  EXPECT_EQ(Declared("<meta charset=klingon>"), "");
  EXPECT_EQ(Declared("<meta charset=\"\">"), "");
  EXPECT_EQ(Declared("<meta charset=klingon><meta charset=windows-1250>"), "windows-1250");
  // A repeated attribute counts once: the first (unknown) charset wins.
  EXPECT_EQ(Declared("<meta charset=klingon charset=windows-1250>"), "");
}

TEST(MetaPrescanTest, CommentsAndOtherMarkupAreSkipped) {
  EXPECT_EQ(Declared("<!-- <meta charset=koi8-r> --><meta charset=latin2>"), "ISO-8859-2");
  EXPECT_EQ(Declared("<!--><meta charset=latin2>"), "ISO-8859-2");  // "<!-->" is a whole comment
  EXPECT_EQ(Declared("<div title=\"<meta charset=koi8-r>\"><meta charset=latin2>"), "ISO-8859-2");
  EXPECT_EQ(Declared("<?xml version=\"1.0\" encoding=\"koi8-r\"?><meta charset=latin2>"), "ISO-8859-2");
  EXPECT_EQ(Declared("<metadata charset=koi8-r><meta charset=latin2>"), "ISO-8859-2");
  EXPECT_EQ(Declared("<!-- unclosed <meta charset=koi8-r>"), "");
}

TEST(MetaPrescanTest, MalformedTagsDeclareNothingAndNeverOverrun) {
  EXPECT_EQ(Declared(""), "");
  EXPECT_EQ(Declared("<"), "");
  EXPECT_EQ(Declared("<meta"), "");
  EXPECT_EQ(Declared("<meta "), "");
  EXPECT_EQ(Declared("<meta charset"), "");
  EXPECT_EQ(Declared("<meta charset="), "");
  EXPECT_EQ(Declared("<meta charset=\"windows-1252"), "");  // unterminated quote
  EXPECT_EQ(Declared("<meta charset=windows-1252"), "");    // no '>'
  EXPECT_EQ(Declared("<meta =windows-1252>"), "");
  EXPECT_EQ(Declared("<meta charset=>"), "");
  EXPECT_EQ(Declared("<meta charset>"), "");
  EXPECT_EQ(Declared("charset=windows-1252"), "");
}

TEST(MetaPrescanTest, OnlyTheFirst1024BytesCount) {
  const std::string pad = "<!doctype html>" + std::string(kPrescanBytes, ' ');
  EXPECT_EQ(Declared(pad + "<meta charset=windows-1251>"), "");
  // A declaration cut by the limit does not count either.
  std::string cut = std::string(kPrescanBytes - 20, ' ') + "<meta charset=\"windows-1251\">";
  EXPECT_EQ(Declared(cut), "");
  std::string fits = std::string(kPrescanBytes - 29, ' ') + "<meta charset=\"windows-1251\">";
  EXPECT_EQ(Declared(fits), "windows-1251");
}

}  // namespace
}  // namespace reprint::clean
