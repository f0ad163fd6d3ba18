#include "pipeline/fingerprint_pass.h"

#include <algorithm>

#include "pipeline/ordered_batches.h"
#include "reprint/cleaner.h"
#include "reprint/fingerprint.h"
#include "util/flat_map.h"

namespace reprint::pipeline {
namespace {

struct DocPrint {
  DocumentInfo info;
  bool usable = false;
  uint64_t exact_hash = 0;
  std::vector<uint32_t> band_keys;
  std::vector<uint32_t> anchors;
  std::vector<uint32_t> lead;
  CompactShingles shingles;
  std::string problem;  // non-empty: the document could not be cleaned
  SourceLocation location;
};

// Keys are kept as 32 bits: a chance collision only adds a candidate, which
// verification then rejects, and it halves the memory of pass 1.
void Truncate(const std::vector<uint64_t>& keys, std::vector<uint32_t>* out) {
  out->clear();
  for (uint64_t key : keys) out->push_back(static_cast<uint32_t>(key));
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

struct Worker {
  Worker(const DedupOptions& o, LshParams p) : cleaner(o.clean), fingerprinter(o.fingerprint), lsh(p) {}

  // `out` may hold an earlier document's print: every field is set anew.
  void Process(RawDocument& raw, DocPrint* out) {
    out->info = DocumentInfo{};
    out->usable = false;
    out->exact_hash = 0;
    out->band_keys.clear();
    out->anchors.clear();
    out->lead.clear();
    out->shingles.clear();
    out->problem.clear();
    out->info.id = raw.id;
    out->info.date = raw.date;
    out->location = raw.location;
    Status status = cleaner.Clean(raw, &clean);
    if (!status.ok()) {
      out->problem = status.ToString();
      return;
    }
    out->info.text_bytes = clean.text.size();
    fingerprinter.Compute(clean.text, &print, &out->shingles);
    out->info.shingle_count = print.shingle_count;
    out->exact_hash = print.exact_hash;
    out->usable = print.shingle_count > 0;
    if (!out->usable) return;
    LshBandKeys(print.sketch, lsh, &band_keys);
    Truncate(band_keys, &out->band_keys);
    Truncate(print.anchors, &out->anchors);
    Truncate(print.lead, &out->lead);
  }

  Cleaner cleaner;
  Fingerprinter fingerprinter;
  LshParams lsh;
  CleanDocument clean;
  Fingerprint print;
  std::vector<uint64_t> band_keys;
};

class Collector {
 public:
  Collector(FingerprintPassResult* result, DedupStats* stats, ProblemCounter* problems, ShingleSpill* spill)
      : result_(result), stats_(stats), problems_(problems), spill_(spill) {}

  const Status& status() const { return status_; }

  void Add(DocPrint& print) {
    if (status_.ok()) status_ = spill_->Append(print.shingles);
    const auto doc = static_cast<uint32_t>(result_->documents.size());
    if (!print.problem.empty()) problems_->Report({print.location, print.problem});
    if (print.problem.empty() && !print.usable) ++stats_->empty;
    stats_->text_bytes += print.info.text_bytes;
    result_->documents.push_back(std::move(print.info));
    result_->exact_hash.push_back(print.exact_hash);
    result_->has_fingerprint.push_back(print.usable);
    uint32_t representative = doc;
    if (print.usable) representative = FirstWithHash(print.exact_hash, doc);
    result_->exact_representative.push_back(representative);
    // Exact duplicates reach their cluster through the representative: only
    // it enters the candidate keys, which keeps buckets small.
    const bool index_it = print.usable && representative == doc;
    CandidateKeys& keys = result_->keys;
    if (!index_it) {
      print.band_keys.clear();
      print.anchors.clear();
      print.lead.clear();
    }
    keys.bands.Add(print.band_keys);
    keys.anchors.Add(print.anchors);
    keys.leads.Add(print.lead);
  }

 private:
  // The first document with each exact hash. A flat table: a node per
  // document in a std::unordered_map was a visible share of this (serial)
  // thread. Values are document + 1, so 0 means new; the one hash that
  // cannot be a key is kept apart.
  static constexpr uint64_t kUnstorableHash = UINT64_MAX;
  uint32_t FirstWithHash(uint64_t hash, uint32_t doc) {
    uint32_t& first = hash == kUnstorableHash ? first_with_unstorable_hash_ : first_with_hash_[hash];
    if (first == 0) first = doc + 1;
    return first - 1;
  }

  FingerprintPassResult* result_;
  DedupStats* stats_;
  ProblemCounter* problems_;
  ShingleSpill* spill_;
  Status status_;
  FlatMap<uint64_t, uint32_t, kUnstorableHash> first_with_hash_{size_t{1} << 16};
  uint32_t first_with_unstorable_hash_ = 0;
};

}  // namespace

void ProblemCounter::Report(const ReadProblem& problem) {
  ++stats_->skipped;
  if (options_.read.on_problem) options_.read.on_problem(problem);
  if (options_.strict) stopped_ = true;
}

Status RunFingerprintPass(const std::vector<std::string>& inputs, const DedupOptions& options, unsigned threads,
                          LshParams lsh, ShingleSpill* spill, ProblemCounter* problems, FingerprintPassResult* result,
                          DedupStats* stats) {
  ReadOptions read = options.read;
  read.on_problem = [problems](const ReadProblem& p) { problems->Report(p); };
  Result<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(inputs, read);
  if (!reader.ok()) return reader.status();
  DocumentReader& source = *reader.value();

  using Output = std::vector<DocPrint>;
  OrderedBatches<Worker, Output> batches(
      threads, [&] { return std::make_unique<Worker>(options, lsh); },
      [](Worker& worker, Batch& batch, Output* out) {
        out->resize(batch.size());
        for (size_t i = 0; i < batch.size(); ++i) worker.Process(batch[i], &(*out)[i]);
      });
  batches.RecycleOutputs();
  Collector collector(result, stats, problems, spill);
  DedupProgress progress{1, 0, 0, source.total_bytes()};
  batches.Run(
      source,
      [&](Batch&, Output& out) {
        for (DocPrint& print : out) collector.Add(print);
        progress.documents = result->documents.size();
        progress.bytes = source.stats().bytes_read;
        if (options.on_progress) options.on_progress(progress);
      },
      [problems, &collector] { return problems->stopped() || !collector.status().ok(); });
  stats->documents = result->documents.size();
  stats->input_bytes = source.stats().bytes_read;
  return collector.status();
}

}  // namespace reprint::pipeline
