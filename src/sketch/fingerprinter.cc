#include <algorithm>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "reprint/fingerprint.h"
#include "sketch/oph_sketch.h"
#include "sketch/shingles.h"
#include "sketch/tokenizer.h"
#include "util/hash_mix.h"
#include "util/radix_sort.h"

namespace reprint {

struct Fingerprinter::Impl {
  explicit Impl(const FingerprintOptions& o)
      : tokenizer(o.seed), sketcher(o.num_perm, o.seed), anchor_mask((uint64_t{1} << o.anchor_rate_log2) - 1) {}

  // The lowest bits decide: the sketch's bin comes from the highest bits and
  // its minimum from the high half of the low word, so anchors stay
  // (practically) independent of the sketch.
  bool IsAnchor(uint64_t shingle) const { return (shingle & anchor_mask) == 0; }

  sketch::Tokenizer tokenizer;
  sketch::OnePermutationSketcher sketcher;
  uint64_t anchor_mask;
  std::vector<uint64_t> tokens;
  std::vector<uint64_t> shingles;
  std::vector<uint32_t> scratch;
  std::vector<uint64_t> anchor_scratch;
};

Fingerprinter::Fingerprinter(const FingerprintOptions& options)
    : options_(options), impl_(std::make_unique<Impl>(options)) {}
Fingerprinter::~Fingerprinter() = default;

void Fingerprinter::Compute(std::string_view text, Fingerprint* out, std::vector<uint32_t>* compact_shingles) {
  Impl& s = *impl_;
  s.tokenizer.HashTokens(text, &s.tokens);
  out->token_count = static_cast<uint32_t>(std::min<size_t>(s.tokens.size(), UINT32_MAX));
  out->exact_hash = XXH3_64bits_withSeed(s.tokens.data(), s.tokens.size() * sizeof(uint64_t), options_.seed);
  sketch::HashShingles(s.tokens, options_.shingle_size, &s.shingles);

  s.sketcher.Reset();
  // Anchors are appended branch-free (a 1-in-16 branch mispredicts often)
  // into a scratch buffer that only ever grows, so it is never zero-filled.
  if (s.anchor_scratch.size() < s.shingles.size()) s.anchor_scratch.resize(s.shingles.size());
  uint64_t* anchor_out = s.anchor_scratch.data();
  size_t anchors = 0;
  for (uint64_t shingle : s.shingles) {
    s.sketcher.Add(shingle);
    anchor_out[anchors] = shingle;
    anchors += s.IsAnchor(shingle);
  }
  out->anchors.assign(anchor_out, anchor_out + anchors);
  s.sketcher.Finish(&out->sketch);
  out->lead.clear();
  for (size_t i = 0; i < s.shingles.size() && out->lead.size() < static_cast<size_t>(options_.lead_shingles); ++i)
    if (std::find(out->lead.begin(), out->lead.end(), s.shingles[i]) == out->lead.end()) out->lead.push_back(s.shingles[i]);
  sketch::SortUnique(&out->anchors);
  out->shingle_count = static_cast<uint32_t>(std::min<size_t>(s.shingles.size(), UINT32_MAX));
  if (compact_shingles != nullptr) CompactCurrentShingles(compact_shingles);
}

void Fingerprinter::CompactCurrentShingles(std::vector<uint32_t>* out) {
  out->resize(impl_->shingles.size());
  for (size_t i = 0; i < out->size(); ++i) (*out)[i] = static_cast<uint32_t>(impl_->shingles[i]);
  RadixSort32(out, &impl_->scratch);
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

void Fingerprinter::Shingles(std::string_view text, ShingleSet* out) {
  impl_->tokenizer.HashTokens(text, &impl_->tokens);
  sketch::HashShingles(impl_->tokens, options_.shingle_size, out);
  sketch::SortUnique(out);
}

void Fingerprinter::CompactShingles(std::string_view text, std::vector<uint32_t>* out) {
  impl_->tokenizer.HashTokens(text, &impl_->tokens);
  sketch::HashShingles(impl_->tokens, options_.shingle_size, &impl_->shingles);
  CompactCurrentShingles(out);
}

double EstimateJaccard(const Fingerprint& a, const Fingerprint& b) {
  if (a.sketch.empty() || b.sketch.empty() || a.sketch.size() != b.sketch.size()) return 0.0;
  return sketch::SketchSimilarity(a.sketch, b.sketch);
}

}  // namespace reprint
