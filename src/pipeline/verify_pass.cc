#include "pipeline/verify_pass.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <thread>
#include <unordered_map>

#include "index/shared_keys.h"
#include "pipeline/spill_prefetch.h"
#include "util/radix_sort.h"

namespace reprint::pipeline {
namespace {

constexpr size_t kSetOverheadBytes = 64;  // hash-map node and vector header per held set

size_t HeldBytes(uint32_t shingles) { return size_t{shingles} * sizeof(uint32_t) + kSetOverheadBytes; }

// A range of pairs (sorted by first member) scored in one read of the input.
struct Window {
  size_t begin = 0;
  size_t end = 0;
};

// Cuts the pairs into windows such that the sets held at any moment of a
// window's read (first members whose last partner has not arrived yet) stay
// within the budget. Always makes progress: a window holds at least one run.
std::vector<Window> PlanWindows(const std::vector<uint64_t>& pairs, const std::vector<uint32_t>& counts,
                                size_t budget) {
  using Held = std::pair<uint32_t, size_t>;  // (last partner, bytes)
  std::priority_queue<Held, std::vector<Held>, std::greater<Held>> held;
  size_t held_bytes = 0;
  std::vector<Window> windows;
  Window current;
  for (size_t run = 0; run < pairs.size();) {
    const uint32_t a = index::PairFirst(pairs[run]);
    size_t run_end = run;
    while (run_end < pairs.size() && index::PairFirst(pairs[run_end]) == a) ++run_end;
    const uint32_t last_partner = index::PairSecond(pairs[run_end - 1]);
    while (!held.empty() && held.top().first < a) {
      held_bytes -= held.top().second;
      held.pop();
    }
    const size_t bytes = HeldBytes(counts[a]);
    if (held_bytes + bytes > budget && current.end > current.begin) {
      windows.push_back(current);
      current = Window{run, run};
      held = {};
      held_bytes = 0;
    }
    held.push({last_partner, bytes});
    held_bytes += bytes;
    current.end = run_end;
    run = run_end;
  }
  if (current.end > current.begin) windows.push_back(current);
  return windows;
}

// The pairs of one window in arrival order of their second member, and which
// documents the window needs.
struct Schedule {
  Schedule(const std::vector<uint64_t>& pairs, Window w) : first_pair(w.begin) {
    // (second member, position in the window), stably sorted by second
    // member: pairs with one second member stay in order of first member.
    for (size_t i = w.begin; i < w.end; ++i)
      by_second.push_back((uint64_t{index::PairSecond(pairs[i])} << 32) | (i - w.begin));
    StableRadixSortByHigh32(&by_second);
    for (size_t i = w.begin; i < w.end; ++i) {
      const uint32_t a = index::PairFirst(pairs[i]), b = index::PairSecond(pairs[i]);
      // Pairs come sorted by first member, then second: a run's last pair
      // names the first member's last partner.
      if (i + 1 == w.end || index::PairFirst(pairs[i + 1]) != a) last_partners.push_back({a, b});
      needed.push_back(a);
      needed.push_back(b);
      last_doc = std::max(last_doc, b);
    }
    std::sort(needed.begin(), needed.end());
    needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  }
  size_t PairAt(size_t k) const { return first_pair + static_cast<uint32_t>(by_second[k]); }
  uint32_t SecondAt(size_t k) const { return static_cast<uint32_t>(by_second[k] >> 32); }

  size_t first_pair;
  std::vector<uint64_t> by_second;  // REQUIRES: windows of fewer than 2^32 pairs
  std::vector<std::pair<uint32_t, uint32_t>> last_partners;  // (first member, its last partner), ascending
  std::vector<uint32_t> needed;                               // sorted
  uint32_t last_doc = 0;
};

// Scores a window's pairs as their second members arrive. Comparisons are
// collected per batch of documents and scored on all threads in the
// background while the calling thread reads on (reading the spill is
// serial). A set is released only after the batch that last needs it has
// been scored.
class WindowScorer {
 public:
  WindowScorer(const std::vector<uint64_t>& pairs, const Schedule& schedule, unsigned threads, SpillPrefetcher* sets,
               std::vector<PairScores>* scores)
      : pairs_(pairs), schedule_(schedule), threads_(std::max(1u, threads)), sets_(sets), scores_(scores) {}
  ~WindowScorer() { JoinScoring(); }

  void Add(uint32_t doc, CompactShingles&& set) {
    // Node-based map: a held set keeps its address while others come and go.
    const CompactShingles& held = held_[doc] = std::move(set);
    while (cursor_ < schedule_.by_second.size() && schedule_.SecondAt(cursor_) <= doc) {
      const size_t i = schedule_.PairAt(cursor_++);
      if (index::PairSecond(pairs_[i]) != doc) continue;
      auto first = held_.find(index::PairFirst(pairs_[i]));
      if (first != held_.end()) pending_.push_back({i, &first->second, &held});
    }
    // Documents arrive in increasing order, as the first members are listed.
    const auto& firsts = schedule_.last_partners;
    while (first_cursor_ < firsts.size() && firsts[first_cursor_].first < doc) ++first_cursor_;
    const bool is_first = first_cursor_ < firsts.size() && firsts[first_cursor_].first == doc;
    // A first member waits for its last partner; anything else only for this batch.
    release_order_.push({is_first ? firsts[first_cursor_].second : doc, doc});
    if (pending_.size() >= kBatchPairs) Flush(doc);
  }

  // Waits for the batch in flight, releases the sets it was the last to
  // need (all needed by documents up to the previous flush), and starts
  // scoring the comparisons pending since.
  void Flush(uint32_t doc) {
    JoinScoring();
    while (!release_order_.empty() && release_order_.top().first <= flushed_through_) {
      auto released = held_.find(release_order_.top().second);
      sets_->Recycle(std::move(released->second));
      held_.erase(released);
      release_order_.pop();
    }
    flushed_through_ = doc;
    in_flight_.swap(pending_);
    pending_.clear();
    const size_t n = in_flight_.size();
    if (threads_ == 1) {  // a one-thread run scores on the calling thread
      Score(0, n);
      return;
    }
    const unsigned parts = n > 256 ? threads_ : 1;
    for (unsigned t = 0; t < parts && n > 0; ++t)
      scoring_.emplace_back([this, from = n * t / parts, to = n * (t + 1) / parts] { Score(from, to); });
  }

  // Scores everything still pending. REQUIRES: every document added.
  void Finish(uint32_t last_doc) {
    Flush(last_doc);
    JoinScoring();
  }

 private:
  static constexpr size_t kBatchPairs = 4096;

  struct Task {
    size_t pair;
    const CompactShingles* first;
    const CompactShingles* second;
  };

  void Score(size_t from, size_t to) {
    for (size_t t = from; t < to; ++t) (*scores_)[in_flight_[t].pair] = CompareShingleSets(*in_flight_[t].first, *in_flight_[t].second);
  }

  void JoinScoring() {
    for (auto& thread : scoring_) thread.join();
    scoring_.clear();
  }

  const std::vector<uint64_t>& pairs_;
  const Schedule& schedule_;
  unsigned threads_;
  SpillPrefetcher* sets_;
  std::vector<PairScores>* scores_;
  std::unordered_map<uint32_t, CompactShingles> held_;
  std::vector<Task> pending_;    // comparisons whose two sets are held
  std::vector<Task> in_flight_;  // the batch being scored
  std::vector<std::thread> scoring_;
  uint32_t flushed_through_ = 0;
  using LastUse = std::pair<uint32_t, uint32_t>;  // (last document needing it, doc)
  std::priority_queue<LastUse, std::vector<LastUse>, std::greater<LastUse>> release_order_;
  size_t cursor_ = 0;        // in schedule_.by_second
  size_t first_cursor_ = 0;  // in schedule_.last_partners
};

Status ScoreWindow(ShingleSpill* spill, const DedupOptions& options, unsigned threads, DedupProgress* progress,
                   const std::vector<uint64_t>& pairs, Window window, std::vector<PairScores>* scores) {
  const Schedule schedule(pairs, window);
  SpillPrefetcher sets(spill, schedule.needed, threads > 1 ? threads : 0);
  WindowScorer scorer(pairs, schedule, threads, &sets, scores);
  CompactShingles set;
  for (size_t i = 0; i < schedule.needed.size(); ++i) {
    const uint32_t doc = schedule.needed[i];
    if (!sets.Next(&set)) {
      Status s = sets.status();
      return s.ok() ? Status::Corruption("the shingle spill ended early") : s;
    }
    scorer.Add(doc, std::move(set));
    if (options.on_progress && (i & 0xFFFF) == 0) {
      progress->documents = doc;
      options.on_progress(*progress);
    }
  }
  scorer.Finish(schedule.last_doc);
  return Status::Ok();
}

}  // namespace

Status ScorePairs(ShingleSpill* spill, const DedupOptions& options, int pass, const PairsToScore& work,
                  std::vector<PairScores>* scores, DedupStats* stats) {
  const std::vector<uint64_t>& pairs = *work.pairs;
  scores->assign(pairs.size(), PairScores());
  DedupProgress progress{pass, 0, 0, 0};
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  for (const Window& window : PlanWindows(pairs, *work.shingle_counts, options.verify_memory_bytes)) {
    ++stats->verify_reads;
    Status status = ScoreWindow(spill, options, threads, &progress, pairs, window, scores);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace reprint::pipeline
