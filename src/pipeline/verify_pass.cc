#include "pipeline/verify_pass.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <thread>

#include "index/shared_keys.h"
#include "pipeline/spill_prefetch.h"
#include "util/radix_sort.h"

namespace reprint::pipeline {
namespace {

constexpr size_t kSetOverheadBytes = 64;  // vector header and schedule entries per held set

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

// What a window reads and when each set can go, all by *position*: the
// index of a document among the window's needed documents, which are read
// in that order. Dense arrays, not maps: the calling thread walks them once
// per document and was the serial part of verification.
struct Schedule {
  Schedule(const std::vector<uint64_t>& pairs, Window w) : first_pair(w.begin) {
    for (size_t i = w.begin; i < w.end; ++i) {
      needed.push_back(index::PairFirst(pairs[i]));
      needed.push_back(index::PairSecond(pairs[i]));
    }
    std::vector<uint32_t> scratch;
    RadixSort32(&needed, &scratch);
    needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
    // Pairs come sorted by first member, so their positions follow a cursor.
    first_position.reserve(w.end - w.begin);
    for (size_t i = w.begin, p = 0; i < w.end; ++i) {
      while (needed[p] < index::PairFirst(pairs[i])) ++p;
      first_position.push_back(static_cast<uint32_t>(p));
    }
    // (second member, pair within the window), stably sorted by second
    // member: pairs with one second member stay in order of first member.
    for (size_t i = w.begin; i < w.end; ++i)
      by_second.push_back((uint64_t{index::PairSecond(pairs[i])} << 32) | (i - w.begin));
    StableRadixSortByHigh32(&by_second);
    PlanReleases();
  }

  size_t PairAt(size_t k) const { return first_pair + static_cast<uint32_t>(by_second[k]); }
  uint32_t SecondAt(size_t k) const { return static_cast<uint32_t>(by_second[k] >> 32); }
  uint32_t FirstPositionOf(size_t pair) const { return first_position[pair - first_pair]; }

  size_t first_pair;
  std::vector<uint32_t> needed;          // documents, ascending
  std::vector<uint32_t> first_position;  // per pair of the window
  std::vector<uint64_t> by_second;       // REQUIRES: windows of fewer than 2^32 pairs
  // Positions in order of the last position that needs them (a first member
  // waits for its last partner; any other set only for its own arrival).
  std::vector<uint32_t> release_order;
  std::vector<uint32_t> last_use;  // per position

 private:
  void PlanReleases() {
    last_use.resize(needed.size());
    for (uint32_t p = 0; p < needed.size(); ++p) last_use[p] = p;
    for (size_t k = 0, p = 0; k < by_second.size(); ++k) {
      while (needed[p] < SecondAt(k)) ++p;
      uint32_t& first_use = last_use[first_position[by_second[k] & UINT32_MAX]];
      first_use = std::max(first_use, static_cast<uint32_t>(p));
    }
    // Counting sort by last use.
    std::vector<uint32_t> starts(needed.size() + 1, 0);
    for (uint32_t use : last_use) ++starts[use + 1];
    for (size_t p = 0; p < needed.size(); ++p) starts[p + 1] += starts[p];
    release_order.resize(needed.size());
    for (uint32_t p = 0; p < needed.size(); ++p) release_order[starts[last_use[p]]++] = p;
  }
};

// Scores a window's pairs as their second members arrive. Comparisons are
// collected per batch of documents and scored on all threads in the
// background while the calling thread reads on. A set is released only
// after the batch that last needs it has been scored.
class WindowScorer {
 public:
  WindowScorer(const Schedule& schedule, unsigned threads, SpillPrefetcher* sets, std::vector<PairScores>* scores)
      : schedule_(schedule),
        threads_(std::max(1u, threads)),
        sets_(sets),
        scores_(scores),
        held_(schedule.needed.size()) {}
  ~WindowScorer() { JoinScoring(); }

  // The set of the document at `position`; positions come in order.
  void Add(uint32_t position, CompactShingles&& set) {
    held_[position] = std::move(set);
    const uint32_t doc = schedule_.needed[position];
    for (; cursor_ < schedule_.by_second.size() && schedule_.SecondAt(cursor_) == doc; ++cursor_) {
      const size_t pair = schedule_.PairAt(cursor_);
      pending_.push_back({pair, &held_[schedule_.FirstPositionOf(pair)], &held_[position]});
    }
    if (pending_.size() >= (threads_ > 1 ? kBackgroundBatchPairs : kInlineBatchPairs)) Flush(position);
  }

  // Waits for the batch in flight, releases the sets it was the last to
  // need (those last needed before the previous flush), and starts scoring
  // the comparisons pending since.
  void Flush(uint32_t position) {
    JoinScoring();
    const auto& order = schedule_.release_order;
    for (; released_ < order.size() && schedule_.last_use[order[released_]] < scored_before_; ++released_)
      sets_->Recycle(std::move(held_[order[released_]]));
    scored_before_ = position + 1;
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

  // Scores everything still pending. REQUIRES: every position added.
  void Finish() {
    if (!held_.empty()) Flush(static_cast<uint32_t>(held_.size() - 1));
    JoinScoring();
  }

 private:
  // Scored in the background, larger batches mean fewer waits for the one
  // in flight (4,096: verify phase 1.30-1.33 s on the 1 M corpus with two
  // threads; 16,384: 1.23 s). Scored inline, size does not matter for speed,
  // and smaller batches release sets sooner: 16,384 raised a one-thread
  // run's peak memory from 594 to 783 MB.
  static constexpr size_t kBackgroundBatchPairs = 16384;
  static constexpr size_t kInlineBatchPairs = 4096;

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

  const Schedule& schedule_;
  unsigned threads_;
  SpillPrefetcher* sets_;
  std::vector<PairScores>* scores_;
  std::vector<CompactShingles> held_;  // by position; a fixed size, so tasks may point into it
  std::vector<Task> pending_;    // comparisons whose two sets are held
  std::vector<Task> in_flight_;  // the batch being scored
  std::vector<std::thread> scoring_;
  uint32_t scored_before_ = 0;  // positions whose comparisons are all scored or in flight
  size_t released_ = 0;  // in schedule_.release_order
  size_t cursor_ = 0;    // in schedule_.by_second
};

Status ScoreWindow(ShingleSpill* spill, const DedupOptions& options, unsigned threads, DedupProgress* progress,
                   const std::vector<uint64_t>& pairs, Window window, std::vector<PairScores>* scores) {
  const Schedule schedule(pairs, window);
  SpillPrefetcher sets(spill, schedule.needed, threads > 1 ? threads : 0);
  WindowScorer scorer(schedule, threads, &sets, scores);
  CompactShingles set;
  for (size_t i = 0; i < schedule.needed.size(); ++i) {
    const uint32_t doc = schedule.needed[i];
    if (!sets.Next(&set)) {
      Status s = sets.status();
      return s.ok() ? Status::Corruption("the shingle spill ended early") : s;
    }
    scorer.Add(static_cast<uint32_t>(i), std::move(set));
    if (options.on_progress && (i & 0xFFFF) == 0) {
      progress->documents = doc;
      options.on_progress(*progress);
    }
  }
  scorer.Finish();
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
