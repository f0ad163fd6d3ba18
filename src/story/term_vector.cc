#include "story/term_vector.h"

#include <algorithm>
#include <cmath>

namespace reprint::story {
namespace {

bool Heavier(const WeightedTerm& a, const WeightedTerm& b) {
  return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
}

}  // namespace

void KeepHeaviest(TermVector* v, size_t k) {
  if (v->size() <= k) return;
  std::nth_element(v->begin(), v->begin() + static_cast<std::ptrdiff_t>(k), v->end(), Heavier);
  v->resize(k);
  std::sort(v->begin(), v->end(), [](const WeightedTerm& a, const WeightedTerm& b) { return a.term < b.term; });
}

double Norm(const TermVector& v) {
  double sum = 0;
  for (const WeightedTerm& t : v) sum += static_cast<double>(t.weight) * t.weight;
  return std::sqrt(sum);
}

void Normalize(TermVector* v) {
  const double norm = Norm(*v);
  if (norm == 0) return;
  for (WeightedTerm& t : *v) t.weight = static_cast<float>(t.weight / norm);
}

void AddInto(const TermVector& v, TermVector* sum, TermVector* scratch) {
  scratch->clear();
  scratch->reserve(v.size() + sum->size());
  auto a = v.cbegin();
  auto b = sum->cbegin();
  while (a != v.cend() && b != sum->cend()) {
    if (a->term < b->term) {
      scratch->push_back(*a++);
    } else if (b->term < a->term) {
      scratch->push_back(*b++);
    } else {
      scratch->push_back({a->term, a->weight + b->weight});
      ++a;
      ++b;
    }
  }
  scratch->insert(scratch->end(), a, v.cend());
  scratch->insert(scratch->end(), b, sum->cend());
  sum->swap(*scratch);
}

std::vector<uint32_t> HeaviestTerms(const TermVector& v, size_t k) {
  TermVector sorted = v;
  const size_t n = std::min(k, sorted.size());
  std::partial_sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n), sorted.end(), Heavier);
  std::vector<uint32_t> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(sorted[i].term);
  return out;
}

}  // namespace reprint::story
