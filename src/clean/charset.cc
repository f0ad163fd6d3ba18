#include "clean/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

#include "clean/meta_prescan.h"
#include "clean/utf8.h"

namespace reprint::clean {
namespace {

// ICU's own substitution writes U+001A for some single-byte tables; the
// clean stage promises U+FFFD, and counting tells the caller bytes were lost.
void SubstituteAndCount(const void* context, UConverterToUnicodeArgs* args, const char* /*units*/,
                        int32_t /*length*/, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close or clone: nothing to replace
  ++*static_cast<size_t*>(const_cast<void*>(context));
  *err = U_ZERO_ERROR;
  static constexpr UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

}  // namespace

bool HasUtf16Bom(std::string_view page) {
  return page.starts_with("\xFF\xFE") || page.starts_with("\xFE\xFF");
}

SniffedCharset SniffHtmlCharset(std::string_view page) {
  if (page.starts_with("\xEF\xBB\xBF")) return {&kUtf8, 3};
  if (page.starts_with("\xFF\xFE")) return {&kUtf16Le, 2};
  if (page.starts_with("\xFE\xFF")) return {&kUtf16Be, 2};
  const Encoding* declared = PrescanMetaCharset(page);
  if (declared == &kUtf8) return {&kUtf8, 0};
  const Utf8Kind kind = ClassifyUtf8(page);
  if (kind == Utf8Kind::kUtf8) return {&kUtf8, 0};
  // Pure ASCII keeps its declaration: ISO-2022-JP is seven-bit.
  if (declared != nullptr) return {declared, 0};
  return {kind == Utf8Kind::kInvalid ? &kWindows1252 : &kUtf8, 0};
}

SniffedCharset SniffTextCharset(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) return {&kUtf8, 3};
  if (text.starts_with("\xFF\xFE")) return {&kUtf16Le, 2};
  if (text.starts_with("\xFE\xFF")) return {&kUtf16Be, 2};
  return {ClassifyUtf8(text) == Utf8Kind::kInvalid ? &kWindows1252 : &kUtf8, 0};
}

CharsetDecoder::~CharsetDecoder() {
  for (auto& [encoding, converter] : converters_) {
    if (converter != nullptr) ucnv_close(converter);
  }
  if (utf8_ != nullptr) ucnv_close(utf8_);
}

UConverter* CharsetDecoder::ConverterFor(const Encoding& encoding) {
  for (const auto& [e, converter] : converters_) {
    if (e == &encoding) return converter;
  }
  UErrorCode err = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(encoding.icu_name, &err);
  if (U_SUCCESS(err)) {
    ucnv_setToUCallBack(converter, SubstituteAndCount, &substitutions_, nullptr, nullptr, &err);
  }
  if (U_FAILURE(err) && converter != nullptr) {
    ucnv_close(converter);
    converter = nullptr;
  }
  converters_.emplace_back(&encoding, converter);
  return converter;
}

bool CharsetDecoder::ToUtf8(std::string_view bytes, const Encoding& encoding, std::string* out,
                            bool* replaced) {
  UErrorCode err = U_ZERO_ERROR;
  if (utf8_ == nullptr) utf8_ = ucnv_open("UTF-8", &err);
  UConverter* from = ConverterFor(encoding);
  if (utf8_ == nullptr || from == nullptr) return false;
  substitutions_ = 0;
  const char* source = bytes.data();
  UChar* pivot_source = pivot_.data();
  UChar* pivot_target = pivot_.data();
  size_t written = 0;
  // Enough for most single-byte text; a shortfall continues in a larger buffer.
  out->resize(bytes.size() + bytes.size() / 2 + 64);
  for (bool reset = true;; reset = false) {
    char* target = out->data() + written;
    ucnv_convertEx(utf8_, from, &target, out->data() + out->size(), &source, bytes.data() + bytes.size(),
                   pivot_.data(), &pivot_source, &pivot_target, pivot_.data() + pivot_.size(), reset,
                   /*flush=*/true, &err);
    written = static_cast<size_t>(target - out->data());
    if (err != U_BUFFER_OVERFLOW_ERROR) break;
    err = U_ZERO_ERROR;
    out->resize(out->size() * 2);
  }
  out->resize(written);
  if (U_FAILURE(err)) return false;
  *replaced = substitutions_ > 0;
  if (!IsCleanUtf8(*out)) {  // decoded NULs and C0 controls
    scratch_.clear();
    SanitizeUtf8(*out, &scratch_);
    out->swap(scratch_);
  }
  return true;
}

CharsetDecoder::Page CharsetDecoder::Decode(std::string_view page, std::string* buffer) {
  if (IsCleanUtf8(page)) return {page, &kUtf8, false};
  return DecodeAs(page, SniffHtmlCharset(page), buffer);
}

CharsetDecoder::Page CharsetDecoder::DecodeText(std::string_view text, std::string* buffer) {
  if (IsCleanUtf8(text)) return {text, &kUtf8, false};
  return DecodeAs(text, SniffTextCharset(text), buffer);
}

CharsetDecoder::Page CharsetDecoder::DecodeAs(std::string_view bytes, SniffedCharset sniffed, std::string* buffer) {
  bool replaced = false;
  if (sniffed.encoding != &kUtf8 &&
      ToUtf8(bytes.substr(sniffed.bom_bytes), *sniffed.encoding, buffer, &replaced)) {
    return {*buffer, sniffed.encoding, replaced};
  }
  buffer->clear();
  replaced = SanitizeUtf8(bytes, buffer);
  return {*buffer, &kUtf8, replaced};
}

}  // namespace reprint::clean
