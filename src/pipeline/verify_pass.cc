#include "pipeline/verify_pass.h"

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>

#include "index/shared_keys.h"
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

// The most bytes the pairs hold at once if read in a single window: each
// first member is held from its own turn to its last partner's. One sweep
// over a difference array instead of PlanWindows' heap, which cost a serial
// 40 ms on a million documents where everything fits.
size_t PeakHeldBytes(const std::vector<uint64_t>& pairs, const std::vector<uint32_t>& counts) {
  std::vector<int64_t> change(counts.size() + 1, 0);
  for (size_t run = 0; run < pairs.size();) {
    const uint32_t a = index::PairFirst(pairs[run]);
    uint32_t last_partner = 0;
    for (; run < pairs.size() && index::PairFirst(pairs[run]) == a; ++run) last_partner = index::PairSecond(pairs[run]);
    const auto bytes = static_cast<int64_t>(HeldBytes(counts[a]));
    change[a] += bytes;
    change[last_partner + 1] -= bytes;
  }
  int64_t held = 0, peak = 0;
  for (int64_t c : change) peak = std::max(peak, held += c);
  return static_cast<size_t>(peak);
}

// Cuts the pairs into windows such that the sets held at any moment of a
// window's read (first members whose last partner has not arrived yet) stay
// within the budget. Always makes progress: a window holds at least one run.
std::vector<Window> PlanWindows(const std::vector<uint64_t>& pairs, const std::vector<uint32_t>& counts,
                                size_t budget) {
  if (pairs.empty()) return {};
  if (PeakHeldBytes(pairs, counts) <= budget) return {Window{0, pairs.size()}};
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

// Scores a window's pairs on all threads. The needed documents are cut into
// blocks of consecutive positions, taken in order by whichever thread is
// free: it reads the block's sets, waits until every earlier block has been
// read (first members come earlier), then scores the pairs whose second
// member lies in the block. A set is released once every block up to its
// last use has been scored. Each thread reads and scores; an earlier design
// with reader threads, a scheduling thread and scorers per batch kept only
// 1.65 of two cores busy on average (bench/RESULTS.md).
class WindowScan {
 public:
  WindowScan(const Schedule& schedule, ShingleSpill* spill, std::vector<PairScores>* scores)
      : schedule_(schedule),
        spill_(spill),
        scores_(scores),
        held_(schedule.needed.size()),
        blocks_((schedule.needed.size() + kBlockSets - 1) / kBlockSets),
        block_state_(blocks_, kWaiting),
        pairs_begin_(blocks_ + 1, schedule.by_second.size()) {
    // by_second is in order of second member, hence of position.
    for (size_t k = schedule.by_second.size(), p = schedule.needed.size(); k-- > 0;) {
      while (schedule.needed[p - 1] > schedule.SecondAt(k)) --p;
      pairs_begin_[(p - 1) / kBlockSets] = k;
    }
    for (size_t b = blocks_; b-- > 0;) pairs_begin_[b] = std::min(pairs_begin_[b], pairs_begin_[b + 1]);
  }

  // Runs on the calling thread and threads - 1 more. `on_block` is called
  // under a lock, in order, with the number of positions fully scored.
  Status Run(unsigned threads, const std::function<void(size_t)>& on_block) {
    on_block_ = on_block;
    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < threads; ++t) helpers.emplace_back([this] { Work(); });
    Work();
    for (auto& helper : helpers) helper.join();
    return status_;
  }

 private:
  static constexpr size_t kBlockSets = 256;
  // Blocks a thread may run ahead of the oldest unscored one: bounds the sets
  // read but not yet scored when a thread is descheduled.
  static constexpr size_t kMaxBlocksAhead = 16;
  static constexpr size_t kMaxSpare = 4096;
  enum : uint8_t { kWaiting, kRead, kScored };

  void Work() {
    std::string buffer;
    for (;;) {
      size_t block = 0;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return failed_ || next_block_ >= blocks_ || next_block_ < scored_ + kMaxBlocksAhead; });
        if (failed_ || next_block_ >= blocks_) return;
        block = next_block_++;
        TakeSpares(block);
      }
      if (!Read(block, &buffer)) return;
      {
        std::unique_lock lock(mutex_);
        block_state_[block] = kRead;
        while (read_ < blocks_ && block_state_[read_] != kWaiting) ++read_;
        changed_.notify_all();
        changed_.wait(lock, [&] { return failed_ || read_ > block; });
        if (failed_) return;
      }
      Score(block);
      std::lock_guard lock(mutex_);
      block_state_[block] = kScored;
      AdvanceScored();
      changed_.notify_all();
    }
  }

  // Gives the block's slots recycled buffers, so reading reuses their memory.
  // REQUIRES: mutex_ held.
  void TakeSpares(size_t block) {
    for (size_t p = block * kBlockSets; p < std::min(held_.size(), (block + 1) * kBlockSets) && !spare_.empty(); ++p) {
      held_[p] = std::move(spare_.back());
      spare_.pop_back();
    }
  }

  bool Read(size_t block, std::string* buffer) {
    const size_t first = block * kBlockSets, count = std::min(kBlockSets, held_.size() - first);
    Status status = spill_->ReadSets({schedule_.needed.data() + first, count}, held_.data() + first, buffer);
    if (status.ok()) return true;
    std::lock_guard lock(mutex_);
    if (!failed_) status_ = status;
    failed_ = true;
    changed_.notify_all();
    return false;
  }

  void Score(size_t block) {
    size_t position = block * kBlockSets;
    for (size_t k = pairs_begin_[block]; k < pairs_begin_[block + 1]; ++k) {
      while (schedule_.needed[position] < schedule_.SecondAt(k)) ++position;
      const size_t pair = schedule_.PairAt(k);
      (*scores_)[pair] = CompareShingleSets(held_[schedule_.FirstPositionOf(pair)], held_[position]);
    }
  }

  // Releases the sets whose last use is now scored. REQUIRES: mutex_ held.
  void AdvanceScored() {
    const size_t before = scored_;
    while (scored_ < blocks_ && block_state_[scored_] == kScored) ++scored_;
    if (scored_ == before) return;
    const size_t scored_positions = std::min(held_.size(), scored_ * kBlockSets);
    const auto& order = schedule_.release_order;
    for (; released_ < order.size() && schedule_.last_use[order[released_]] < scored_positions; ++released_) {
      CompactShingles& set = held_[order[released_]];
      if (spare_.size() < kMaxSpare) spare_.push_back(std::move(set));
      CompactShingles().swap(set);
    }
    if (on_block_) on_block_(scored_positions);
  }

  const Schedule& schedule_;
  ShingleSpill* spill_;
  std::vector<PairScores>* scores_;
  std::vector<CompactShingles> held_;  // by position
  const size_t blocks_;
  std::function<void(size_t)> on_block_;

  std::mutex mutex_;
  std::condition_variable changed_;  // a block was taken, read or scored, or reading failed
  std::vector<uint8_t> block_state_;
  std::vector<size_t> pairs_begin_;  // per block, into schedule_.by_second; [blocks_] = end
  size_t next_block_ = 0;  // blocks taken
  size_t read_ = 0;        // leading blocks read
  size_t scored_ = 0;      // leading blocks scored
  size_t released_ = 0;    // in schedule_.release_order
  std::vector<CompactShingles> spare_;
  bool failed_ = false;
  Status status_;
};

Status ScoreWindow(ShingleSpill* spill, const DedupOptions& options, unsigned threads, DedupProgress* progress,
                   const std::vector<uint64_t>& pairs, Window window, std::vector<PairScores>* scores) {
  const Schedule schedule(pairs, window);
  WindowScan scan(schedule, spill, scores);
  size_t reported = 0;
  return scan.Run(threads, [&](size_t scored_positions) {
    if (!options.on_progress || scored_positions == 0 || scored_positions - reported < 0x10000) return;
    reported = scored_positions;
    progress->documents = schedule.needed[scored_positions - 1];
    options.on_progress(*progress);
  });
}

}  // namespace

Status ScorePairs(ShingleSpill* spill, const DedupOptions& options, int pass, const PairsToScore& work,
                  std::vector<PairScores>* scores, DedupStats* stats) {
  const std::vector<uint64_t>& pairs = *work.pairs;
  scores->assign(pairs.size(), PairScores());
  DedupProgress progress{pass, 0, 0, 0};
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  if (Status s = spill->FinishWriting(); !s.ok()) return s;
  for (const Window& window : PlanWindows(pairs, *work.shingle_counts, options.verify_memory_bytes)) {
    ++stats->verify_reads;
    Status status = ScoreWindow(spill, options, threads, &progress, pairs, window, scores);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace reprint::pipeline
