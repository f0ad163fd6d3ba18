// Pass 1 of the batch pipeline: read -> clean -> fingerprint every document,
// keeping only what candidate generation and clustering need.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/candidates.h"
#include "pipeline/shingle_spill.h"
#include "reprint/dedup.h"
#include "reprint/lsh.h"

namespace reprint::pipeline {

struct FingerprintPassResult {
  std::vector<DocumentInfo> documents;
  std::vector<uint64_t> exact_hash;            // per document
  std::vector<uint8_t> has_fingerprint;        // per document: cleaned and non-empty
  std::vector<uint32_t> exact_representative;  // first document with the same exact hash
  CandidateKeys keys;
};

// Reports a skipped record or document through options.read.on_problem and
// counts it; sets *stop in strict mode.
class ProblemCounter {
 public:
  ProblemCounter(const DedupOptions& options, DedupStats* stats) : options_(options), stats_(stats) {}
  void Report(const ReadProblem& problem);
  bool stopped() const { return stopped_.load(); }

 private:
  const DedupOptions& options_;
  DedupStats* stats_;
  std::atomic<bool> stopped_{false};
};

// Appends every document's compact shingle set to *spill, in document order.
Status RunFingerprintPass(const std::vector<std::string>& inputs, const DedupOptions& options, unsigned threads,
                          LshParams lsh, ShingleSpill* spill, ProblemCounter* problems, FingerprintPassResult* result,
                          DedupStats* stats);

}  // namespace reprint::pipeline
