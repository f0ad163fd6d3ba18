// Tokenizer: clean UTF-8 text -> the 64-bit hashes of its normalised words.
//
// Normalisation is applied per word, so the hot path never materialises a
// normalised copy of the text:
//   - ASCII words (the bulk of news text) are lower-cased through a table and
//     hashed directly;
//   - words with non-ASCII letters go through ICU's NFKC_Casefold;
//   - Han, Hiragana and Katakana are emitted one character per token (the usual
//     practice for shingling scripts without spaces);
//   - Thai, Lao, Khmer and Myanmar runs are segmented with ICU's dictionary
//     word BreakIterator.
// Punctuation of every kind (including curly quotes, apostrophes, dashes) and
// whitespace separate words, so "Trump’s" and "Trump's" tokenise alike.
//
// Thread safety: a Tokenizer keeps reusable buffers: one per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace reprint::sketch {

// Where a token was read from: the byte range [begin, end) of the scanned text.
struct TokenSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
};

class Tokenizer {
 public:
  explicit Tokenizer(uint64_t seed);
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Replaces *hashes with the hash of every token of `text`, in order.
  void HashTokens(std::string_view text, std::vector<uint64_t>* hashes);

  // Like HashTokens, and replaces *spans with the source range of every token
  // (spans->size() == hashes->size()). REQUIRES: text.size() < 4 GiB.
  void HashTokensWithSpans(std::string_view text, std::vector<uint64_t>* hashes, std::vector<TokenSpan>* spans);

  // Replaces *tokens with the normalised tokens themselves (tests, debugging).
  void Tokens(std::string_view text, std::vector<std::string>* tokens);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reprint::sketch
