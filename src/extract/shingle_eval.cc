// ShingleMatcher and the micro-average with bootstrap intervals.
#include <algorithm>
#include <random>

#include "reprint/extract_eval.h"
#include "sketch/tokenizer.h"
#include "util/hash_mix.h"

namespace reprint {
namespace {

constexpr uint64_t kTokenSeed = 0x4e47524d;  // any fixed seed: hashes never leave the process

double Ratio(uint64_t num, uint64_t den, bool both_empty) {
  if (den == 0) return both_empty ? 1.0 : 0.0;
  return static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

double ShingleMatch::precision() const { return Ratio(matched, extracted, gold == 0); }
double ShingleMatch::recall() const { return Ratio(matched, gold, extracted == 0); }
double ShingleMatch::f1() const {
  if (extracted == 0 && gold == 0) return 1.0;
  const double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}
ShingleMatch& ShingleMatch::operator+=(const ShingleMatch& o) {
  matched += o.matched;
  extracted += o.extracted;
  gold += o.gold;
  return *this;
}

struct ShingleMatcher::Impl {
  Impl() : tokenizer(kTokenSeed) {}
  void Shingles(std::string_view text, std::vector<uint64_t>* out) {
    tokenizer.HashTokens(text, &tokens);
    out->clear();
    if (tokens.empty()) return;
    if (tokens.size() < static_cast<size_t>(kShingleSize)) {
      uint64_t h = 0;
      for (uint64_t t : tokens) h = Mix64(h ^ t);
      out->push_back(h);
      return;
    }
    for (size_t i = 0; i + kShingleSize <= tokens.size(); ++i) {
      uint64_t h = 0;
      for (int k = 0; k < kShingleSize; ++k) h = Mix64(h + tokens[i + k] * (2 * k + 1));
      out->push_back(h);
    }
    std::sort(out->begin(), out->end());
  }
  sketch::Tokenizer tokenizer;
  std::vector<uint64_t> tokens, a, b;
};

ShingleMatcher::ShingleMatcher() : impl_(std::make_unique<Impl>()) {}
ShingleMatcher::~ShingleMatcher() = default;

ShingleMatch ShingleMatcher::Match(std::string_view extracted, std::string_view gold) {
  Impl& s = *impl_;
  s.Shingles(extracted, &s.a);
  s.Shingles(gold, &s.b);
  ShingleMatch m;
  m.extracted = s.a.size();
  m.gold = s.b.size();
  // Multiset intersection of two sorted lists.
  size_t i = 0, j = 0;
  while (i < s.a.size() && j < s.b.size()) {
    if (s.a[i] < s.b[j]) {
      ++i;
    } else if (s.b[j] < s.a[i]) {
      ++j;
    } else {
      ++m.matched;
      ++i;
      ++j;
    }
  }
  return m;
}

MicroAverage MicroAverageWithBootstrap(const std::vector<ShingleMatch>& docs, int resamples, uint64_t seed) {
  MicroAverage out;
  for (const ShingleMatch& d : docs) out.total += d;
  if (docs.empty() || resamples <= 0) return out;
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<size_t> pick(0, docs.size() - 1);
  std::vector<double> p, r, f;
  for (int k = 0; k < resamples; ++k) {
    ShingleMatch sum;
    for (size_t i = 0; i < docs.size(); ++i) sum += docs[pick(rng)];
    p.push_back(sum.precision());
    r.push_back(sum.recall());
    f.push_back(sum.f1());
  }
  auto interval = [](std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    const size_t lo = static_cast<size_t>(0.025 * static_cast<double>(v.size() - 1) + 0.5);
    const size_t hi = static_cast<size_t>(0.975 * static_cast<double>(v.size() - 1) + 0.5);
    return Interval{v[lo], v[hi]};
  };
  out.precision = interval(p);
  out.recall = interval(r);
  out.f1 = interval(f);
  return out;
}

}  // namespace reprint
