#include "pipeline/verify_pass.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <unordered_map>

#include "index/shared_keys.h"

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
  Schedule(const std::vector<uint64_t>& pairs, Window w) {
    for (size_t i = w.begin; i < w.end; ++i) by_second.push_back(i);
    std::sort(by_second.begin(), by_second.end(), [&pairs](size_t x, size_t y) {
      const uint32_t bx = index::PairSecond(pairs[x]), by = index::PairSecond(pairs[y]);
      return bx != by ? bx < by : pairs[x] < pairs[y];
    });
    for (size_t i = w.begin; i < w.end; ++i) {
      const uint32_t a = index::PairFirst(pairs[i]), b = index::PairSecond(pairs[i]);
      last_partner[a] = std::max(last_partner[a], b);
      needed.push_back(a);
      needed.push_back(b);
      last_doc = std::max(last_doc, b);
    }
    std::sort(needed.begin(), needed.end());
    needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  }
  bool Needed(uint64_t doc) const { return std::binary_search(needed.begin(), needed.end(), doc); }

  std::vector<size_t> by_second;
  std::unordered_map<uint32_t, uint32_t> last_partner;  // first members -> their last partner
  std::vector<uint32_t> needed;                         // sorted
  uint32_t last_doc = 0;
};

class WindowScorer {
 public:
  WindowScorer(const std::vector<uint64_t>& pairs, const Schedule& schedule, std::vector<PairScores>* scores)
      : pairs_(pairs), schedule_(schedule), scores_(scores) {}

  void Add(uint32_t doc, CompactShingles&& set) {
    while (cursor_ < schedule_.by_second.size() && index::PairSecond(pairs_[schedule_.by_second[cursor_]]) <= doc) {
      const size_t i = schedule_.by_second[cursor_++];
      auto a = held_.find(index::PairFirst(pairs_[i]));
      if (a != held_.end() && index::PairSecond(pairs_[i]) == doc) (*scores_)[i] = CompareCompact(a->second, set);
    }
    auto first = schedule_.last_partner.find(doc);
    if (first != schedule_.last_partner.end()) {
      release_order_.push({first->second, doc});
      held_[doc] = std::move(set);
    }
    while (!release_order_.empty() && release_order_.top().first <= doc) {
      held_.erase(release_order_.top().second);
      release_order_.pop();
    }
  }

 private:
  const std::vector<uint64_t>& pairs_;
  const Schedule& schedule_;
  std::vector<PairScores>* scores_;
  std::unordered_map<uint32_t, CompactShingles> held_;
  using LastUse = std::pair<uint32_t, uint32_t>;  // (last partner, doc)
  std::priority_queue<LastUse, std::vector<LastUse>, std::greater<LastUse>> release_order_;
  size_t cursor_ = 0;
};

Status ScoreWindow(ShingleSpill* spill, const DedupOptions& options, DedupProgress* progress,
                   const std::vector<uint64_t>& pairs, Window window, std::vector<PairScores>* scores) {
  const Schedule schedule(pairs, window);
  WindowScorer scorer(pairs, schedule, scores);
  if (Status s = spill->Rewind(); !s.ok()) return s;
  CompactShingles set;
  for (uint32_t doc = 0; doc <= schedule.last_doc; ++doc) {
    const bool wanted = schedule.Needed(doc);
    if (Status s = spill->Next(wanted, &set); !s.ok()) return s;
    if (wanted) scorer.Add(doc, std::move(set));
    if (options.on_progress && (doc & 0xFFFF) == 0) {
      progress->documents = doc;
      options.on_progress(*progress);
    }
  }
  return Status::Ok();
}

template <typename T>
PairScores CompareSorted(const std::vector<T>& a, const std::vector<T>& b) {
  PairScores scores;
  if (a.empty() || b.empty()) return scores;
  size_t i = 0, j = 0;
  uint64_t common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  scores.intersection = common;
  scores.smaller_size = std::min(a.size(), b.size());
  scores.jaccard = static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
  scores.containment = static_cast<double>(common) / static_cast<double>(scores.smaller_size);
  return scores;
}

}  // namespace

PairScores CompareCompact(const CompactShingles& a, const CompactShingles& b) { return CompareSorted(a, b); }

Status ScorePairs(ShingleSpill* spill, const DedupOptions& options, int pass, const PairsToScore& work,
                  std::vector<PairScores>* scores, DedupStats* stats) {
  const std::vector<uint64_t>& pairs = *work.pairs;
  scores->assign(pairs.size(), PairScores());
  DedupProgress progress{pass, 0, 0, 0};
  for (const Window& window : PlanWindows(pairs, *work.shingle_counts, options.verify_memory_bytes)) {
    ++stats->verify_reads;
    Status status = ScoreWindow(spill, options, &progress, pairs, window, scores);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace reprint::pipeline
