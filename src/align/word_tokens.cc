#include "align/word_tokens.h"

namespace reprint::align {

// Any fixed seed: hashes are only compared within one alignment.
constexpr uint64_t kWordSeed = 0x616c69676e;  // "align"

void Tokenize(std::string_view text, WordTokens* out) {
  thread_local sketch::Tokenizer tokenizer(kWordSeed);
  out->text = text;
  tokenizer.HashTokensWithSpans(text, &out->hashes, &out->spans);
}

}  // namespace reprint::align
