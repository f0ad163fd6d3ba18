#include "reprint/dedup.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "index/shared_keys.h"
#include "pipeline/candidates.h"
#include "pipeline/fingerprint_pass.h"
#include "pipeline/verify_pass.h"
#include "util/radix_sort.h"
#include "verify/match_parameters.h"

namespace reprint {
namespace {

// Candidates come sorted by (a, b); exact copies' pairs are sorted apart and
// merged in as the candidates are classified, cheaper than sorting all pairs
// (a serial 40 ms at a million documents).
std::vector<VerifiedPair> VerifiedFromCandidates(const std::vector<uint64_t>& candidates,
                                                 const std::vector<PairScores>& scores,
                                                 const pipeline::FingerprintPassResult& pass,
                                                 const RelationThresholds& thresholds) {
  std::vector<uint64_t> exact;  // (representative, copy), made in order of copy
  for (uint32_t doc = 0; doc < pass.exact_representative.size(); ++doc)
    if (pass.exact_representative[doc] != doc) exact.push_back(index::PackPair(pass.exact_representative[doc], doc));
  StableRadixSortByHigh32(&exact);
  std::vector<VerifiedPair> pairs;
  pairs.reserve(candidates.size() + exact.size());
  auto next_exact = exact.begin();
  const auto add_exact_before = [&](uint64_t limit) {
    for (; next_exact != exact.end() && *next_exact < limit; ++next_exact) {
      const uint32_t copy = index::PairSecond(*next_exact);
      const uint64_t shingles = pass.documents[copy].shingle_count;
      pairs.push_back({index::PairFirst(*next_exact), copy, {1.0, 1.0, shingles, shingles}, Relation::kExact});
    }
  };
  for (size_t i = 0; i < candidates.size(); ++i) {
    const uint32_t a = index::PairFirst(candidates[i]), b = index::PairSecond(candidates[i]);
    Relation relation = ClassifyPair(scores[i], pass.exact_hash[a] == pass.exact_hash[b], thresholds);
    if (relation == Relation::kUnrelated) continue;
    add_exact_before(candidates[i]);
    pairs.push_back({a, b, scores[i], relation});
  }
  add_exact_before(UINT64_MAX);  // (representative, copy) has representative < copy: never UINT64_MAX
  return pairs;
}

// Members reached only through others get their own scores against the
// canonical member: from the exact hash when equal, else by another pass.
Status ScoreIndirectMembers(pipeline::ShingleSpill* spill, const DedupOptions& options,
                            const pipeline::FingerprintPassResult& pass, pipeline::PairsToScore work,
                            std::vector<Cluster>* clusters, DedupStats* stats) {
  std::vector<uint64_t> missing;
  for (Cluster& cluster : *clusters) {
    for (ClusterMember& m : cluster.members) {
      if (m.relation != Relation::kLinked) continue;
      if (pass.exact_hash[m.doc] == pass.exact_hash[cluster.canonical]) {
        m.relation = Relation::kExact;
        m.scores = {1.0, 1.0, pass.documents[m.doc].shingle_count, pass.documents[m.doc].shingle_count};
        continue;
      }
      missing.push_back(index::PackPair(std::min(m.doc, cluster.canonical), std::max(m.doc, cluster.canonical)));
    }
  }
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  std::vector<PairScores> scores;
  work.pairs = &missing;
  Status status = pipeline::ScorePairs(spill, options, 3, work, &scores, stats);
  if (!status.ok()) return status;
  for (Cluster& cluster : *clusters) {
    for (ClusterMember& m : cluster.members) {
      if (m.relation != Relation::kLinked) continue;
      uint64_t key = index::PackPair(std::min(m.doc, cluster.canonical), std::max(m.doc, cluster.canonical));
      size_t i = static_cast<size_t>(std::lower_bound(missing.begin(), missing.end(), key) - missing.begin());
      m.scores = scores[i];
      Relation relation = ClassifyPair(m.scores, false, options.thresholds);
      m.relation = relation == Relation::kUnrelated ? Relation::kLinked : relation;
    }
  }
  return Status::Ok();
}


using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

Result<DedupResult> Deduplicate(const std::vector<std::string>& inputs, const DedupOptions& options) {
  const auto start = Clock::now();
  if (Status s = verify::CheckMatchParameters(options.fingerprint, options.thresholds); !s.ok()) return s;
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const LshParams lsh = OptimalLshParams(options.thresholds.jaccard, options.fingerprint.num_perm);

  DedupResult result;
  DedupStats& stats = result.stats;
  pipeline::ProblemCounter problems(options, &stats);
  pipeline::FingerprintPassResult pass;
  Result<std::unique_ptr<pipeline::ShingleSpill>> spill = pipeline::ShingleSpill::Create(options.temp_dir, threads > 1);
  if (!spill.ok()) return spill.status();
  auto phase = Clock::now();
  Status status =
      pipeline::RunFingerprintPass(inputs, options, threads, lsh, spill.value().get(), &problems, &pass, &stats);
  if (!status.ok()) return status;
  if (problems.stopped()) return Status::MalformedInput("stopped at the first skipped record (strict mode)");
  stats.fingerprint_seconds = SecondsSince(phase);

  phase = Clock::now();
  std::vector<uint64_t> candidates = pipeline::GenerateCandidates(&pass.keys, options, threads, &stats);
  stats.candidate_seconds = SecondsSince(phase);

  phase = Clock::now();
  std::vector<uint32_t> shingle_counts;
  shingle_counts.reserve(pass.documents.size());
  for (const DocumentInfo& d : pass.documents) shingle_counts.push_back(d.shingle_count);
  pipeline::PairsToScore work{&candidates, &shingle_counts};
  std::vector<PairScores> scores;
  status = pipeline::ScorePairs(spill.value().get(), options, 2, work, &scores, &stats);
  if (!status.ok()) return status;
  result.pairs = VerifiedFromCandidates(candidates, scores, pass, options.thresholds);
  stats.verified_pairs = result.pairs.size();
  stats.verify_seconds = SecondsSince(phase);

  phase = Clock::now();
  std::vector<CanonicalKey> keys;
  keys.reserve(pass.documents.size());
  for (const DocumentInfo& d : pass.documents) keys.push_back({d.shingle_count, d.date, d.id});
  result.clusters = BuildClusters(result.pairs, keys);
  status = ScoreIndirectMembers(spill.value().get(), options, pass, work, &result.clusters, &stats);
  if (!status.ok()) return status;
  for (const Cluster& c : result.clusters) stats.duplicates += c.members.size() - 1;
  stats.cluster_seconds = SecondsSince(phase);
  result.documents = std::move(pass.documents);
  stats.seconds = SecondsSince(start);
  return result;
}

}  // namespace reprint
