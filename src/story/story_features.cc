#include "story/story_features.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "story/streaming_stories.h"

namespace reprint::story {
namespace {

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutFloat(float f, std::string* out) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(bits >> (8 * i)));
}

// Reads from the front of *in; returns false (without reading past the end)
// on truncated or over-long input.
bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in->empty()) return false;
    const auto byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    if (shift == 63 && byte > 1) return false;  // more than 64 bits
    *v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (byte < 0x80) return true;
  }
  return false;
}

bool GetFloat(std::string_view* in, float* f) {
  if (in->size() < 4) return false;
  uint32_t bits = 0;
  for (int i = 0; i < 4; ++i) bits |= static_cast<uint32_t>(static_cast<uint8_t>((*in)[i])) << (8 * i);
  in->remove_prefix(4);
  std::memcpy(f, &bits, sizeof bits);
  return true;
}

}  // namespace

std::string EncodeStoryFeatures(const StoryFeatures& features) {
  std::vector<float> values;
  for (const StoryFeatures::Term& t : features.terms) values.push_back(t.tf);
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());

  std::string out;
  out.push_back(static_cast<char>(kStoryFeaturesVersion));
  PutVarint(values.size(), &out);
  for (float v : values) PutFloat(v, &out);
  PutVarint(features.terms.size(), &out);
  uint64_t previous = 0;
  for (const StoryFeatures::Term& t : features.terms) {
    PutVarint(t.hash - previous, &out);
    previous = t.hash;
    const uint64_t index = std::lower_bound(values.begin(), values.end(), t.tf) - values.begin();
    PutVarint(index << 2 | uint64_t{t.entity} << 1 | uint64_t{!t.display.empty()}, &out);
    if (!t.display.empty()) {
      PutVarint(t.display.size(), &out);
      out += t.display;
    }
  }
  return out;
}

bool DecodeStoryFeatures(std::string_view in, StoryFeatures* out) {
  out->terms.clear();
  if (in.empty() || static_cast<uint8_t>(in.front()) != kStoryFeaturesVersion) return false;
  in.remove_prefix(1);
  uint64_t value_count;
  // Every value takes 4 bytes and every term at least 2: sizes beyond what is
  // left are corrupt (and must not drive an allocation).
  if (!GetVarint(&in, &value_count) || value_count > in.size() / 4) return false;
  std::vector<float> values(value_count);
  for (float& v : values)
    if (!GetFloat(&in, &v) || !std::isfinite(v) || v < 0) return false;
  uint64_t term_count;
  if (!GetVarint(&in, &term_count) || term_count > in.size() / 2) return false;
  out->terms.resize(term_count);
  uint64_t hash = 0;
  for (uint64_t i = 0; i < term_count; ++i) {
    StoryFeatures::Term& t = out->terms[i];
    uint64_t delta, packed;
    if (!GetVarint(&in, &delta) || !GetVarint(&in, &packed)) return false;
    if (i > 0 && (delta == 0 || hash + delta < hash)) return false;  // not strictly ascending
    hash += delta;
    t.hash = hash;
    if ((packed >> 2) >= values.size()) return false;
    t.tf = values[packed >> 2];
    t.entity = (packed & 2) != 0;
    t.display.clear();
    if (packed & 1) {
      uint64_t length;
      if (!GetVarint(&in, &length) || length == 0 || length > in.size()) return false;
      t.display.assign(in.substr(0, length));
      in.remove_prefix(length);
    }
  }
  return in.empty();
}

StoryFeatureExtractor::StoryFeatureExtractor(const StreamingStoryOptions& options)
    : entity_boost_(options.entity_boost), title_boost_(options.title_boost), max_terms_(options.max_article_terms) {}

void StoryFeatureExtractor::Extract(const CleanDocument& doc, StoryFeatures* out) {
  extractor_.Extract(doc, &terms_);
  out->terms.clear();
  out->terms.reserve(terms_.terms.size());
  for (const ArticleTerm& a : terms_.terms) {
    double tf = 1 + std::log(static_cast<double>(a.count));
    if (a.IsEntity()) tf *= entity_boost_;
    if (a.in_title) tf *= title_boost_;
    out->terms.push_back({a.hash, static_cast<float>(tf), a.IsEntity(), {}});
  }
  // The heaviest terms (ties: the smaller hash) stay; the first few of them get their display text.
  auto heavier = [](const StoryFeatures::Term& a, const StoryFeatures::Term& b) {
    return a.tf != b.tf ? a.tf > b.tf : a.hash < b.hash;
  };
  std::sort(out->terms.begin(), out->terms.end(), heavier);
  if (out->terms.size() > max_terms_) out->terms.resize(max_terms_);
  for (size_t i = 0; i < out->terms.size() && i < kDisplayTerms; ++i) {
    const uint64_t hash = out->terms[i].hash;
    // terms_.terms is sorted by hash: find the term's first occurrence.
    auto it = std::lower_bound(terms_.terms.begin(), terms_.terms.end(), hash,
                               [](const ArticleTerm& t, uint64_t h) { return t.hash < h; });
    out->terms[i].display = terms_.text.substr(it->begin, it->end - it->begin);
  }
  std::sort(out->terms.begin(), out->terms.end(),
            [](const StoryFeatures::Term& a, const StoryFeatures::Term& b) { return a.hash < b.hash; });
}

}  // namespace reprint::story
