#include "pipeline/verify_pass.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <unordered_map>

#include "index/shared_keys.h"
#include "pipeline/ordered_batches.h"
#include "reprint/cleaner.h"
#include "reprint/fingerprint.h"

namespace reprint::pipeline {
namespace {

// For each document, the pairs in which it is the later member, and the last
// document that still needs its set.
struct PairSchedule {
  explicit PairSchedule(const std::vector<uint64_t>& pairs) {
    by_second.resize(pairs.size());
    for (size_t i = 0; i < pairs.size(); ++i) by_second[i] = i;
    std::sort(by_second.begin(), by_second.end(), [&pairs](size_t x, size_t y) {
      const uint32_t bx = index::PairSecond(pairs[x]), by = index::PairSecond(pairs[y]);
      return bx != by ? bx < by : pairs[x] < pairs[y];
    });
    uint32_t max_doc = 0;
    for (uint64_t pair : pairs) max_doc = std::max(max_doc, index::PairSecond(pair));
    last_use.assign(size_t{max_doc} + 1, kUnused);
    for (uint64_t pair : pairs) {
      const uint32_t a = index::PairFirst(pair), b = index::PairSecond(pair);
      last_use[a] = last_use[a] == kUnused ? b : std::max(last_use[a], b);
      if (last_use[b] == kUnused) last_use[b] = b;
    }
  }
  bool Needed(uint64_t doc) const { return doc < last_use.size() && last_use[doc] != kUnused; }

  static constexpr uint32_t kUnused = UINT32_MAX;

  std::vector<size_t> by_second;                 // pair indices ordered by (b, a)
  std::vector<uint32_t> last_use;  // doc -> last doc index needing its set, or kUnused
};

struct Worker {
  explicit Worker(const DedupOptions& o) : cleaner(o.clean), fingerprinter(o.fingerprint) {}
  Cleaner cleaner;
  Fingerprinter fingerprinter;
  CleanDocument clean;
};

using Output = std::vector<std::pair<uint32_t, ShingleSet>>;

class StreamingScorer {
 public:
  StreamingScorer(const std::vector<uint64_t>& pairs, const PairSchedule& schedule, std::vector<PairScores>* scores)
      : pairs_(pairs), schedule_(schedule), scores_(scores) {}

  void Add(uint32_t doc, ShingleSet&& set) {
    held_[doc] = std::move(set);
    release_order_.push({schedule_.last_use[doc], doc});
    while (cursor_ < schedule_.by_second.size() &&
           index::PairSecond(pairs_[schedule_.by_second[cursor_]]) <= doc) {
      const size_t i = schedule_.by_second[cursor_++];
      const uint32_t a = index::PairFirst(pairs_[i]), b = index::PairSecond(pairs_[i]);
      auto ia = held_.find(a), ib = held_.find(b);
      if (ia != held_.end() && ib != held_.end()) (*scores_)[i] = CompareShingleSets(ia->second, ib->second);
    }
    Release(doc);
  }

 private:
  // Drops the sets whose last partner is `doc` or earlier.
  void Release(uint32_t doc) {
    while (!release_order_.empty() && release_order_.top().first <= doc) {
      held_.erase(release_order_.top().second);
      release_order_.pop();
    }
  }

  const std::vector<uint64_t>& pairs_;
  const PairSchedule& schedule_;
  std::vector<PairScores>* scores_;
  std::unordered_map<uint32_t, ShingleSet> held_;
  using LastUse = std::pair<uint32_t, uint32_t>;  // (last doc needing it, doc)
  std::priority_queue<LastUse, std::vector<LastUse>, std::greater<LastUse>> release_order_;
  size_t cursor_ = 0;
};

}  // namespace

Status ScorePairs(const std::vector<std::string>& inputs, const DedupOptions& options, unsigned threads, int pass,
                  const std::vector<uint64_t>& pairs, const std::vector<ShingleSet>* in_memory,
                  std::vector<PairScores>* scores) {
  scores->assign(pairs.size(), PairScores());
  if (pairs.empty()) return Status::Ok();
  if (in_memory != nullptr) {
    for (size_t i = 0; i < pairs.size(); ++i)
      (*scores)[i] = CompareShingleSets((*in_memory)[index::PairFirst(pairs[i])], (*in_memory)[index::PairSecond(pairs[i])]);
    return Status::Ok();
  }
  ReadOptions read = options.read;
  read.on_problem = nullptr;  // already reported by pass 1
  Result<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(inputs, read);
  if (!reader.ok()) return reader.status();
  DocumentReader& source = *reader.value();

  PairSchedule schedule(pairs);
  OrderedBatches<Worker, Output> batches(
      threads, [&options] { return std::make_unique<Worker>(options); },
      [&schedule](Worker& worker, Batch& batch, Output* out) {
        for (RawDocument& raw : batch) {
          if (!schedule.Needed(raw.index)) continue;
          ShingleSet set;
          if (worker.cleaner.Clean(raw, &worker.clean).ok()) worker.fingerprinter.Shingles(worker.clean.text, &set);
          out->emplace_back(static_cast<uint32_t>(raw.index), std::move(set));
        }
      });
  StreamingScorer scorer(pairs, schedule, scores);
  DedupProgress progress{pass, 0, 0, source.total_bytes()};
  batches.Run(
      source,
      [&](Batch& batch, Output& out) {
        for (auto& [doc, set] : out) scorer.Add(doc, std::move(set));
        progress.documents += batch.size();
        progress.bytes = source.stats().bytes_read;
        if (options.on_progress) options.on_progress(progress);
      },
      [] { return false; });
  return Status::Ok();
}

}  // namespace reprint::pipeline
