// Sparse term vectors for story clustering: (term id, weight) pairs sorted by
// term id, ids unique. Plain functions over std::vector; no hidden state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace reprint::story {

struct WeightedTerm {
  uint32_t term = 0;
  float weight = 0;
};
using TermVector = std::vector<WeightedTerm>;

// Keeps the k heaviest terms (ties: the smaller id), still sorted by id.
void KeepHeaviest(TermVector* v, size_t k);

double Norm(const TermVector& v);

// Scales v to unit Euclidean length (no-op for the zero vector).
void Normalize(TermVector* v);

// *sum += v. `scratch` is reused storage.
void AddInto(const TermVector& v, TermVector* sum, TermVector* scratch);

// Returns the ids of the `k` heaviest terms of v, heaviest first (ties: smaller id).
std::vector<uint32_t> HeaviestTerms(const TermVector& v, size_t k);

}  // namespace reprint::story
