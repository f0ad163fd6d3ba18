#include <algorithm>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "reprint/fingerprint.h"
#include "sketch/oph_sketch.h"
#include "sketch/shingles.h"
#include "sketch/tokenizer.h"
#include "util/hash_mix.h"

namespace reprint {

struct Fingerprinter::Impl {
  explicit Impl(const FingerprintOptions& o)
      : tokenizer(o.seed), sketcher(o.num_perm, o.seed), anchor_salt(Mix64(o.seed ^ 0xA5C0A5C0ULL)) {}

  bool IsAnchor(uint64_t shingle, int rate_log2) const {
    if (rate_log2 <= 0) return true;
    return (Mix64(shingle ^ anchor_salt) >> (64 - rate_log2)) == 0;
  }

  sketch::Tokenizer tokenizer;
  sketch::OnePermutationSketcher sketcher;
  uint64_t anchor_salt;
  std::vector<uint64_t> tokens;
  std::vector<uint64_t> shingles;
};

Fingerprinter::Fingerprinter(const FingerprintOptions& options)
    : options_(options), impl_(std::make_unique<Impl>(options)) {}
Fingerprinter::~Fingerprinter() = default;

void Fingerprinter::Compute(std::string_view text, Fingerprint* out) {
  Impl& s = *impl_;
  s.tokenizer.HashTokens(text, &s.tokens);
  out->token_count = static_cast<uint32_t>(std::min<size_t>(s.tokens.size(), UINT32_MAX));
  out->exact_hash = XXH3_64bits_withSeed(s.tokens.data(), s.tokens.size() * sizeof(uint64_t), options_.seed);
  sketch::HashShingles(s.tokens, options_.shingle_size, &s.shingles);

  s.sketcher.Reset();
  out->anchors.clear();
  for (uint64_t shingle : s.shingles) {
    s.sketcher.Add(shingle);
    if (s.IsAnchor(shingle, options_.anchor_rate_log2)) out->anchors.push_back(shingle);
  }
  s.sketcher.Finish(&out->sketch);
  sketch::SortUnique(&out->anchors);
  out->shingle_count = static_cast<uint32_t>(std::min<size_t>(s.shingles.size(), UINT32_MAX));
}

void Fingerprinter::Shingles(std::string_view text, ShingleSet* out) {
  impl_->tokenizer.HashTokens(text, &impl_->tokens);
  sketch::HashShingles(impl_->tokens, options_.shingle_size, out);
  sketch::SortUnique(out);
}

double EstimateJaccard(const Fingerprint& a, const Fingerprint& b) {
  if (a.sketch.empty() || b.sketch.empty() || a.sketch.size() != b.sketch.size()) return 0.0;
  return sketch::SketchSimilarity(a.sketch, b.sketch);
}

}  // namespace reprint
