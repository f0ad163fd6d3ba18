#include "sketch/tokenizer.h"

#include "sketch/ascii_scan.h"
#include "util/hash_mix.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <array>
#include <cstring>

namespace reprint::sketch {
namespace {

// 0: separator, otherwise the lower-cased byte of an ASCII letter or digit.
constexpr std::array<char, 128> MakeAsciiWordTable() {
  std::array<char, 128> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) table[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = static_cast<char>(c - 'A' + 'a');
  return table;
}
constexpr std::array<char, 128> kAsciiWord = MakeAsciiWordTable();

enum class CharClass { kSeparator, kWord, kIdeograph, kDictionary };

CharClass Classify(UChar32 c) {
  if (c < 0) return CharClass::kSeparator;  // invalid UTF-8
  if (c < 0x80) return kAsciiWord[c] ? CharClass::kWord : CharClass::kSeparator;
  UErrorCode error = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &error);
  switch (script) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
      return u_isalpha(c) ? CharClass::kIdeograph : CharClass::kSeparator;
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
      return (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK)) ? CharClass::kDictionary
                                                                : CharClass::kSeparator;
    default:
      break;
  }
  if (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK)) return CharClass::kWord;
  return CharClass::kSeparator;
}

}  // namespace

struct Tokenizer::Impl {
  explicit Impl(uint64_t s) : seed(s) {
    UErrorCode error = U_ZERO_ERROR;
    nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(error);
    if (U_FAILURE(error)) nfkc_casefold = nullptr;
  }

  template <typename Sink>
  void Scan(std::string_view text, Sink&& sink);

  template <typename Sink>
  size_t ScanUnicodeWord(std::string_view text, size_t start, Sink&& sink);
  template <typename Sink>
  size_t ScanDictionaryRun(std::string_view text, size_t start, Sink&& sink);
  template <typename Sink>
  void EmitNormalised(std::string_view raw, size_t raw_begin, Sink&& sink);

  uint64_t seed;
  const icu::Normalizer2* nfkc_casefold = nullptr;
  std::unique_ptr<icu::BreakIterator> word_breaker;
  AsciiMasks masks;
  std::string normalised;
};

template <typename Sink>
void Tokenizer::Impl::Scan(std::string_view text, Sink&& sink) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  masks.Build(bytes, size);
  size_t i = 0;
  while (i < size) {
    i = masks.NextCandidate(i);
    if (i >= size) break;
    if (bytes[i] >= 0x80) {
      i = ScanUnicodeWord(text, i, sink);
      continue;
    }
    const size_t start = i;
    i = masks.WordEnd(i);
    if (i < size && bytes[i] >= 0x80) {
      UChar32 c;
      int32_t next = static_cast<int32_t>(i);
      U8_NEXT(bytes, next, static_cast<int32_t>(size), c);
      if (Classify(c) == CharClass::kWord) {  // e.g. "café": finish it the slow way
        i = ScanUnicodeWord(text, start, sink);
        continue;
      }
    }
    sink.Ascii(bytes + start, i - start, bytes + size);
  }
}

// Scans one word that may contain non-ASCII characters, starting at `start`;
// returns the index just past it.
template <typename Sink>
size_t Tokenizer::Impl::ScanUnicodeWord(std::string_view text, size_t start, Sink&& sink) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto size = static_cast<int32_t>(text.size());
  int32_t pos = static_cast<int32_t>(start);
  int32_t end = pos;
  while (pos < size) {
    UChar32 c;
    int32_t next = pos;
    U8_NEXT(bytes, next, size, c);
    CharClass cls = Classify(c);
    if (cls == CharClass::kWord) {
      pos = end = next;
      continue;
    }
    if (end > static_cast<int32_t>(start)) break;  // the word ends here
    if (cls == CharClass::kSeparator) return static_cast<size_t>(next);
    if (cls == CharClass::kIdeograph) {
      EmitNormalised(text.substr(pos, next - pos), static_cast<size_t>(pos), sink);
      return static_cast<size_t>(next);
    }
    return ScanDictionaryRun(text, static_cast<size_t>(pos), sink);
  }
  EmitNormalised(text.substr(start, end - start), start, sink);
  return static_cast<size_t>(end);
}

// Scripts written without spaces between words need a dictionary: ICU's word
// BreakIterator is the only maintained one available as a Debian package.
template <typename Sink>
size_t Tokenizer::Impl::ScanDictionaryRun(std::string_view text, size_t start, Sink&& sink) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto size = static_cast<int32_t>(text.size());
  int32_t end = static_cast<int32_t>(start);
  while (end < size) {
    UChar32 c;
    int32_t next = end;
    U8_NEXT(bytes, next, size, c);
    if (Classify(c) != CharClass::kDictionary) break;
    end = next;
  }
  icu::UnicodeString run = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data() + start, static_cast<int32_t>(end - start)));
  UErrorCode error = U_ZERO_ERROR;
  if (!word_breaker) word_breaker.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), error));
  if (U_FAILURE(error) || !word_breaker) {
    EmitNormalised(text.substr(start, end - start), start, sink);
    return static_cast<size_t>(end);
  }
  word_breaker->setText(run);
  int32_t from = word_breaker->first();
  size_t piece_begin = start;  // the run is valid UTF-8, so pieces re-encode to their source bytes
  for (int32_t to = word_breaker->next(); to != icu::BreakIterator::DONE; from = to, to = word_breaker->next()) {
    std::string piece;
    run.tempSubStringBetween(from, to).toUTF8String(piece);
    EmitNormalised(piece, piece_begin, sink);
    piece_begin += piece.size();
  }
  return static_cast<size_t>(end);
}

template <typename Sink>
void Tokenizer::Impl::EmitNormalised(std::string_view raw, size_t raw_begin, Sink&& sink) {
  if (raw.empty()) return;
  const size_t raw_end = raw_begin + raw.size();
  if (nfkc_casefold == nullptr) {
    sink(raw, raw_begin, raw_end);
    return;
  }
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
  UErrorCode error = U_ZERO_ERROR;
  icu::UnicodeString folded = nfkc_casefold->normalize(source, error);
  if (U_FAILURE(error)) {
    sink(raw, raw_begin, raw_end);
    return;
  }
  normalised.clear();
  folded.toUTF8String(normalised);
  sink(std::string_view(normalised), raw_begin, raw_end);
}

Tokenizer::Tokenizer(uint64_t seed) : impl_(std::make_unique<Impl>(seed)) {}
Tokenizer::~Tokenizer() = default;

namespace {

// Tokens of up to 16 bytes (nearly all words) are hashed with one 64x64->128
// multiply of their two 8-byte halves, folded (wyhash's "mum" step): about a
// quarter of XXH3's instructions at these lengths. Longer tokens use XXH3.
// Every token goes through TokenHash(), so both paths agree.
inline uint64_t HashShort(uint64_t lo, uint64_t hi, size_t len, uint64_t seed) {
  __extension__ using Uint128 = unsigned __int128;  // GCC and Clang both provide it
  const Uint128 product = static_cast<Uint128>(lo ^ seed ^ 0xa0761d6478bd642fULL) *
                                    (hi ^ (len * 0xe7037ed1a0b428dbULL) ^ 0x8ebc6af09c88c6e3ULL);
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

// Keeps the first `len` bytes (0..16) of the 16 loaded into lo, hi, through
// a table rather than length branches that mispredict on word lengths.
struct LengthMasks {
  uint64_t lo[17];
  uint64_t hi[17];
};
constexpr LengthMasks MakeLengthMasks() {
  LengthMasks m{};
  for (int len = 0; len <= 16; ++len) {
    const int lo_bytes = len < 8 ? len : 8, hi_bytes = len > 8 ? len - 8 : 0;
    m.lo[len] = lo_bytes == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * lo_bytes)) - 1;
    m.hi[len] = hi_bytes == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * hi_bytes)) - 1;
  }
  return m;
}
constexpr LengthMasks kLengthMasks = MakeLengthMasks();

inline void MaskToLength(size_t len, uint64_t* lo, uint64_t* hi) {
  *lo &= kLengthMasks.lo[len];
  *hi &= kLengthMasks.hi[len];
}

inline uint64_t TokenHash(const char* p, size_t len, uint64_t seed) {
  if (len > 16) return XXH3_64bits_withSeed(p, len, seed);
  uint64_t words[2] = {0, 0};
  std::memcpy(words, p, len);
  return HashShort(words[0], words[1], len, seed);
}

struct HashSink {
  std::vector<uint64_t>* hashes;
  uint64_t seed;
  std::string scratch;

  // Lower-cases in registers: for ASCII letters and digits alike, OR-ing 0x20
  // into a byte gives its lower-case form.
  void Ascii(const unsigned char* p, size_t len, const unsigned char* end) {
    if (len > 16 || end - p < 16) {
      scratch.assign(reinterpret_cast<const char*>(p), len);
      for (char& c : scratch) c = static_cast<char>(c | 0x20);
      Push(std::string_view(scratch));
      return;
    }
    uint64_t words[2];
    std::memcpy(words, p, 16);
    words[0] |= 0x2020202020202020ULL;
    words[1] |= 0x2020202020202020ULL;
    MaskToLength(len, &words[0], &words[1]);
    hashes->push_back(HashShort(words[0], words[1], len, seed));
  }
  void operator()(std::string_view token, size_t, size_t) { Push(token); }
  void Push(std::string_view token) { hashes->push_back(TokenHash(token.data(), token.size(), seed)); }
};

// HashSink that also records where each token was read from. Ascii() is
// handed a pointer into the scanned text, so its offset is p - base.
struct SpanSink {
  HashSink hash;
  std::vector<TokenSpan>* spans;
  const unsigned char* base;

  void Ascii(const unsigned char* p, size_t len, const unsigned char* end) {
    hash.Ascii(p, len, end);
    const auto begin = static_cast<uint32_t>(p - base);
    spans->push_back({begin, begin + static_cast<uint32_t>(len)});
  }
  void operator()(std::string_view token, size_t raw_begin, size_t raw_end) {
    hash.Push(token);
    spans->push_back({static_cast<uint32_t>(raw_begin), static_cast<uint32_t>(raw_end)});
  }
};

struct StringSink {
  std::vector<std::string>* tokens;
  void Ascii(const unsigned char* p, size_t len, const unsigned char*) {
    std::string& token = tokens->emplace_back(reinterpret_cast<const char*>(p), len);
    for (char& c : token) c = static_cast<char>(c | 0x20);
  }
  void operator()(std::string_view token, size_t, size_t) { tokens->emplace_back(token); }
};

}  // namespace

void Tokenizer::HashTokens(std::string_view text, std::vector<uint64_t>* hashes) {
  hashes->clear();
  HashSink sink{hashes, impl_->seed, {}};
  impl_->Scan(text, sink);
}

void Tokenizer::HashTokensWithSpans(std::string_view text, std::vector<uint64_t>* hashes,
                                    std::vector<TokenSpan>* spans) {
  hashes->clear();
  spans->clear();
  SpanSink sink{HashSink{hashes, impl_->seed, {}}, spans, reinterpret_cast<const unsigned char*>(text.data())};
  impl_->Scan(text, sink);
}

void Tokenizer::Tokens(std::string_view text, std::vector<std::string>* tokens) {
  tokens->clear();
  StringSink sink{tokens};
  impl_->Scan(text, sink);
}

}  // namespace reprint::sketch
