#include "story/story_features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "story/streaming_stories.h"

namespace reprint::story {
namespace {

// Writers into a buffer sized beforehand (see EncodeStoryFeatures).
char* PutVarint(uint64_t v, char* p) {
  while (v >= 0x80) {
    *p++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

char* PutFixed(uint64_t v, size_t bytes, char* p) {
  for (size_t i = 0; i < bytes; ++i) *p++ = static_cast<char>(v >> (8 * i));
  return p;
}

uint32_t FloatBits(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}

// A cursor over untrusted bytes: every read checks what is left first.
class Reader {
 public:
  explicit Reader(std::string_view in) : p_(reinterpret_cast<const uint8_t*>(in.data())), end_(p_ + in.size()) {}

  size_t left() const { return static_cast<size_t>(end_ - p_); }

  // Returns false (without reading past the end) on truncated or over-long input.
  bool Varint(uint64_t* v) {
    if (p_ != end_ && *p_ < 0x80) {  // the common one-byte case
      *v = *p_++;
      return true;
    }
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return false;
      const uint8_t byte = *p_++;
      if (shift == 63 && byte > 1) return false;  // more than 64 bits
      *v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (byte < 0x80) return true;
    }
    return false;
  }

  // REQUIRES: left() >= bytes.
  uint64_t Fixed(size_t bytes) {
    uint64_t v = 0;
    for (size_t i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(p_[i]) << (8 * i);
    p_ += bytes;
    return v;
  }

  // REQUIRES: left() >= n.
  const char* Skip(size_t n) {
    const char* at = reinterpret_cast<const char*>(p_);
    p_ += n;
    return at;
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

constexpr size_t kHashBytes = 8;
constexpr size_t kMaxVarint = 10;

}  // namespace

std::string EncodeStoryFeatures(const StoryFeatures& features) {
  // Distinct tf values in order of first use: an article has a handful, so a
  // linear search (from the last one found) beats sorting. Past kSmall values
  // the search goes on over all of them: correct, and rare.
  constexpr size_t kSmall = 64;
  std::array<uint32_t, kSmall> small;
  std::vector<uint32_t> more;
  size_t count = 0, last = 0;
  std::vector<uint32_t> index(features.terms.size());
  size_t display_bytes = 0;
  for (size_t i = 0; i < features.terms.size(); ++i) {
    const StoryFeatures::Term& t = features.terms[i];
    display_bytes += t.display.size();
    const uint32_t bits = FloatBits(t.tf);
    auto value = [&](size_t k) { return k < kSmall ? small[k] : more[k - kSmall]; };
    if (count == 0 || value(last) != bits) {
      size_t k = 0;
      while (k < count && value(k) != bits) ++k;
      if (k == count) {
        if (count < kSmall) small[count] = bits;
        else more.push_back(bits);
        ++count;
      }
      last = k;
    }
    index[i] = static_cast<uint32_t>(last);
  }

  std::string out;
  out.resize(1 + kMaxVarint + 4 * count + kMaxVarint +
             features.terms.size() * (kHashBytes + 2 * kMaxVarint) + display_bytes);
  char* p = out.data();
  *p++ = static_cast<char>(kStoryFeaturesVersion);
  p = PutVarint(count, p);
  for (size_t k = 0; k < count; ++k) p = PutFixed(k < kSmall ? small[k] : more[k - kSmall], 4, p);
  p = PutVarint(features.terms.size(), p);
  for (size_t i = 0; i < features.terms.size(); ++i) {
    const StoryFeatures::Term& t = features.terms[i];
    p = PutFixed(t.hash, kHashBytes, p);
    p = PutVarint(uint64_t{index[i]} << 2 | uint64_t{t.entity} << 1 | uint64_t{!t.display.empty()}, p);
    if (!t.display.empty()) {
      p = PutVarint(t.display.size(), p);
      std::memcpy(p, t.display.data(), t.display.size());
      p += t.display.size();
    }
  }
  out.resize(static_cast<size_t>(p - out.data()));
  return out;
}

namespace {

// One tf value: 4 bytes of float, finite and not negative.
bool ReadTfValue(Reader& r, float* value) {
  const uint32_t bits = static_cast<uint32_t>(r.Fixed(4));
  std::memcpy(value, &bits, sizeof bits);
  return std::isfinite(*value) && *value >= 0;
}

// What follows a term's hash in both versions: its tf index, entity flag and
// optional display text, packed as (index << 2 | entity << 1 | has_display).
bool ReadTermTail(Reader& r, const float* values, uint64_t value_count, StoryFeatures::Term* t) {
  uint64_t packed;
  if (!r.Varint(&packed) || (packed >> 2) >= value_count) return false;
  t->tf = values[packed >> 2];
  t->entity = (packed & 2) != 0;
  t->display.clear();
  if (packed & 1) {
    uint64_t length;
    if (!r.Varint(&length) || length == 0 || length > r.left()) return false;
    t->display.assign(r.Skip(length), length);
  }
  return true;
}

// Version 1 (indexes written before version 2): the same fields, but hashes
// as varint deltas, and the tf values sorted.
bool DecodeVersion1(Reader r, StoryFeatures* out) {
  uint64_t value_count;
  if (!r.Varint(&value_count) || value_count > r.left() / 4) return false;
  std::vector<float> values(value_count);
  for (float& v : values) {
    if (!ReadTfValue(r, &v)) return false;
  }
  uint64_t term_count;
  if (!r.Varint(&term_count) || term_count > r.left() / 2) return false;
  out->terms.resize(term_count);
  uint64_t hash = 0;
  for (uint64_t i = 0; i < term_count; ++i) {
    StoryFeatures::Term& t = out->terms[i];
    uint64_t delta;
    if (!r.Varint(&delta)) return false;
    if (i > 0 && (delta == 0 || hash + delta < hash)) return false;  // not strictly ascending
    hash += delta;
    t.hash = hash;
    if (!ReadTermTail(r, values.data(), values.size(), &t)) return false;
  }
  return r.left() == 0;
}

}  // namespace

bool DecodeStoryFeatures(std::string_view in, StoryFeatures* out) {
  out->terms.clear();
  if (in.empty()) return false;
  if (static_cast<uint8_t>(in.front()) == 1) return DecodeVersion1(Reader(in.substr(1)), out);
  if (static_cast<uint8_t>(in.front()) != kStoryFeaturesVersion) return false;
  Reader r(in.substr(1));
  uint64_t value_count;
  // Every value takes 4 bytes and every term at least 9: sizes beyond what is
  // left are corrupt (and must not drive an allocation).
  if (!r.Varint(&value_count) || value_count > r.left() / 4) return false;
  constexpr size_t kSmall = 64;
  std::array<float, kSmall> small;
  std::vector<float> large;
  float* values = small.data();
  if (value_count > kSmall) {
    large.resize(value_count);
    values = large.data();
  }
  for (uint64_t k = 0; k < value_count; ++k) {
    if (!ReadTfValue(r, &values[k])) return false;
  }
  uint64_t term_count;
  if (!r.Varint(&term_count) || term_count > r.left() / (kHashBytes + 1)) return false;
  out->terms.resize(term_count);
  uint64_t previous = 0;
  for (uint64_t i = 0; i < term_count; ++i) {
    StoryFeatures::Term& t = out->terms[i];
    if (r.left() < kHashBytes) return false;
    t.hash = r.Fixed(kHashBytes);
    if (i > 0 && t.hash <= previous) return false;  // not strictly ascending
    previous = t.hash;
    if (!ReadTermTail(r, values, value_count, &t)) return false;
  }
  return r.left() == 0;
}

StoryFeatureExtractor::StoryFeatureExtractor(const StreamingStoryOptions& options)
    : entity_boost_(options.entity_boost), title_boost_(options.title_boost), max_terms_(options.max_article_terms) {
  one_plus_log_.resize(kLogTable);
  for (uint32_t c = 1; c < kLogTable; ++c) one_plus_log_[c] = 1 + std::log(static_cast<double>(c));
}

void StoryFeatureExtractor::Extract(const CleanDocument& doc, StoryFeatures* out) {
  extractor_.Extract(doc, &terms_);
  const std::vector<ArticleTerm>& terms = terms_.terms;
  const size_t n = terms.size();
  tf_.resize(n);
  keys_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const ArticleTerm& a = terms[i];
    double tf = a.count < kLogTable ? one_plus_log_[a.count] : 1 + std::log(static_cast<double>(a.count));
    if (a.IsEntity()) tf *= entity_boost_;
    if (a.in_title) tf *= title_boost_;
    tf_[i] = static_cast<float>(tf);
    keys_[i] = {tf_[i], static_cast<uint32_t>(i), a.hash};
  }
  // The heaviest terms (ties: the smaller hash) stay; the first few of them
  // get their display text. The order is total (hashes are unique), so the
  // chosen sets are exactly the first entries of a full sort.
  auto heavier = [](const Key& a, const Key& b) { return a.tf != b.tf ? a.tf > b.tf : a.hash < b.hash; };
  const size_t kept = std::min(n, max_terms_);
  const size_t shown = std::min(kept, kDisplayTerms);
  if (kept < n) std::nth_element(keys_.begin(), keys_.begin() + static_cast<std::ptrdiff_t>(kept), keys_.end(), heavier);
  if (shown < kept)
    std::nth_element(keys_.begin(), keys_.begin() + static_cast<std::ptrdiff_t>(shown),
                     keys_.begin() + static_cast<std::ptrdiff_t>(kept), heavier);
  chosen_.assign(n, 0);
  for (size_t k = 0; k < kept; ++k) chosen_[keys_[k].index] = k < shown ? 2 : 1;

  // terms_.terms is sorted by hash, and so is the output.
  out->terms.resize(kept);
  size_t j = 0;
  for (size_t i = 0; i < n; ++i) {
    if (chosen_[i] == 0) continue;
    StoryFeatures::Term& t = out->terms[j++];
    const ArticleTerm& a = terms[i];
    t.hash = a.hash;
    t.tf = tf_[i];
    t.entity = a.IsEntity();
    if (chosen_[i] == 2) t.display.assign(terms_.text, a.begin, a.end - a.begin);
    else t.display.clear();
  }
}

}  // namespace reprint::story
