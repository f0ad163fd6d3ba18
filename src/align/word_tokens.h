// WordTokens: the normalised words of a text with the byte range each was read
// from, the unit the aligner works on. Tokenisation is the sketch stage's
// (sketch::Tokenizer), so alignment and fingerprints agree on what a word is.
//
// Thread safety: Tokenize() uses one tokenizer per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sketch/tokenizer.h"

namespace reprint::align {

struct WordTokens {
  std::string_view text;                // the tokenised text (not owned)
  std::vector<uint64_t> hashes;         // hash of each normalised word
  std::vector<sketch::TokenSpan> spans; // where each word is in `text`

  size_t size() const { return hashes.size(); }
  // The word as written (not normalised).
  std::string_view Raw(size_t i) const { return text.substr(spans[i].begin, spans[i].end - spans[i].begin); }
};

// Replaces *out with the words of `text`. REQUIRES: text outlives *out.
void Tokenize(std::string_view text, WordTokens* out);

}  // namespace reprint::align
