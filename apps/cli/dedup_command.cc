#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <thread>
#include <unordered_set>

#include "commands.h"
#include "learn_templates.h"
#include "output_file.h"
#include "problem_log.h"
#include "progress.h"
#include "alignment_view.h"
#include "reprint/align.h"
#include "reprint/corpus.h"

namespace reprint::cli {
namespace {

using Json = nlohmann::ordered_json;

double Rounded(double x) { return std::round(x * 10000.0) / 10000.0; }

Json MemberJson(const DedupResult& result, const ClusterMember& m) {
  Json j;
  j["id"] = result.documents[m.doc].id;
  j["relation"] = std::string(RelationName(m.relation));
  if (m.relation != Relation::kCanonical) {
    j["jaccard"] = Rounded(m.scores.jaccard);
    j["containment"] = Rounded(m.scores.containment);
  }
  return j;
}

// Options for reading the input once more after deduplication: the same
// reading and cleaning, problems already reported.
CorpusOptions RereadOptions(const DedupArgs& args) {
  CorpusOptions options;
  options.read = args.options.read;
  options.read.on_problem = nullptr;
  options.clean = args.options.clean;
  options.threads = args.options.threads;
  return options;
}

// Clean text of every clustered document, from one more read of the input.
Status LoadClusteredTexts(const DedupArgs& args, const DedupResult& result,
                          std::unordered_map<uint64_t, std::string>* texts) {
  std::vector<uint8_t> clustered(result.documents.size(), 0);
  for (const Cluster& c : result.clusters)
    for (const ClusterMember& m : c.members) clustered[m.doc] = 1;
  CorpusStats stats;
  return CleanCorpus(
      args.common.inputs, RereadOptions(args),
      [&](uint64_t index, const CleanDocument& doc) {
        if (index < clustered.size() && clustered[index]) (*texts)[index] = doc.text;
      },
      &stats);
}

unsigned Threads(const DedupArgs& args) {
  return args.options.threads ? args.options.threads : std::max(1u, std::thread::hardware_concurrency());
}

std::string ClusterLine(const DedupResult& result, const Cluster& cluster, uint32_t id,
                        const std::unordered_map<uint64_t, std::string>* texts) {
  Json j;
  j["cluster"] = id;
  j["size"] = cluster.members.size();
  j["canonical"] = result.documents[cluster.canonical].id;
  Json members = Json::array();
  for (const ClusterMember& m : cluster.members) {
    Json member = MemberJson(result, m);
    if (texts != nullptr && m.doc != cluster.canonical) {
      // A text is missing only if the input changed since it was
      // deduplicated; the member then says so instead of aborting the run.
      auto canonical = texts->find(cluster.canonical), text = texts->find(m.doc);
      if (canonical != texts->end() && text != texts->end()) {
        member["alignment"] = AlignmentJson(Align(canonical->second, text->second), canonical->second, text->second);
      } else {
        member["alignment"] = nullptr;
      }
    }
    members.push_back(std::move(member));
  }
  j["members"] = std::move(members);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Clusters are formatted on all threads, a round of chunks at a time, while
// the calling thread writes the round before: formatting (and alignment, with
// --align) is most of the work, and a round bounds the text held at once.
void WriteClusters(const DedupResult& result, bool singletons, const std::unordered_map<uint64_t, std::string>* texts,
                   unsigned threads, OutputFile* out) {
  constexpr size_t kChunk = 2048;
  const size_t n = result.clusters.size();
  const size_t round = kChunk * std::max(1u, threads);
  const auto format = [&](size_t first, std::vector<std::string>* lines) {
    lines->assign(std::min(round, n - first), std::string());
    std::vector<std::thread> formatters;
    for (size_t chunk = 0; chunk * kChunk < lines->size(); ++chunk) {
      formatters.emplace_back([&, first, lines, chunk] {
        for (size_t i = chunk * kChunk; i < std::min(lines->size(), (chunk + 1) * kChunk); ++i)
          (*lines)[i] = ClusterLine(result, result.clusters[first + i], static_cast<uint32_t>(first + i), texts);
      });
    }
    return formatters;
  };
  std::vector<std::string> ready, next;
  for (std::thread& f : format(0, &ready)) f.join();
  for (size_t first = 0; first < n; first += round) {
    std::vector<std::thread> formatting;
    if (first + round < n) formatting = format(first + round, &next);
    for (const std::string& line : ready) out->WriteLine(line);
    for (std::thread& f : formatting) f.join();
    ready.swap(next);
  }
  if (!singletons) return;
  std::vector<uint8_t> clustered(result.documents.size(), 0);
  for (const Cluster& cluster : result.clusters)
    for (const ClusterMember& m : cluster.members) clustered[m.doc] = 1;
  auto next_id = static_cast<uint32_t>(n);
  for (size_t doc = 0; doc < result.documents.size(); ++doc) {
    if (clustered[doc]) continue;
    Json j;
    j["cluster"] = next_id++;
    j["size"] = 1;
    j["canonical"] = result.documents[doc].id;
    j["members"] = Json::array({Json{{"id", result.documents[doc].id}, {"relation", "canonical"}}});
    out->WriteLine(j.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
}

void WritePairs(const DedupResult& result, OutputFile* out) {
  for (const VerifiedPair& p : result.pairs) {
    Json j;
    j["a"] = result.documents[p.a].id;
    j["b"] = result.documents[p.b].id;
    j["relation"] = std::string(RelationName(p.relation));
    j["jaccard"] = Rounded(p.scores.jaccard);
    j["containment"] = Rounded(p.scores.containment);
    out->WriteLine(j.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
}

// The deduplicated corpus: every document except non-canonical cluster
// members, as clean JSON Lines, in input order.
Status WriteKeptDocuments(const DedupArgs& args, const DedupResult& result, OutputFile* out) {
  std::vector<uint8_t> drop(result.documents.size(), 0);
  for (const Cluster& c : result.clusters)
    for (const ClusterMember& m : c.members) drop[m.doc] = m.doc != c.canonical;
  CorpusStats stats;
  return CleanCorpus(
      args.common.inputs, RereadOptions(args),
      [&](uint64_t index, const CleanDocument& doc) {
        if (index < drop.size() && drop[index]) return;
        Json j;
        j["id"] = doc.id;
        if (!doc.url.empty()) j["url"] = doc.url;
        if (!doc.source.empty()) j["source"] = doc.source;
        if (!doc.date.empty()) j["date"] = doc.date;
        if (!doc.title.empty()) j["title"] = doc.title;
        j["text"] = doc.text;
        out->WriteLine(j.dump(-1, ' ', false, Json::error_handler_t::replace));
      },
      &stats);
}

std::string Seconds(double secs) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", secs);
  return buf;
}

void PrintSummary(const DedupResult& r, const ProblemLog& log) {
  const DedupStats& s = r.stats;
  const double secs = std::max(s.seconds, 1e-9);
  std::string text = "reprint: read " + WithThousands(s.documents) + " documents (" +
                     HumanBytes(static_cast<double>(s.input_bytes)) + ", " +
                     HumanBytes(static_cast<double>(s.text_bytes)) + " of article text)";
  if (log.total() > 0) text += "; " + log.Summary();
  if (s.empty > 0) text += "; " + WithThousands(s.empty) + " had no article text";
  text += "; " + WithThousands(s.candidate_pairs) + " candidate pairs, " + WithThousands(s.verified_pairs) +
          " verified";
  if (s.capped_buckets > 0) text += " (" + WithThousands(s.capped_buckets) + " oversized buckets chained)";
  text += "; " + WithThousands(r.clusters.size()) + " copy clusters, " + WithThousands(s.duplicates) +
          " duplicates removed; " + Seconds(secs) + " (" +
          WithThousands(static_cast<uint64_t>(static_cast<double>(s.documents) / secs)) + " docs/s, " +
          HumanBytes(static_cast<double>(s.input_bytes) / secs) + "/s: fingerprint " + Seconds(s.fingerprint_seconds) +
          ", candidates " + Seconds(s.candidate_seconds) + ", verify " + Seconds(s.verify_seconds) + " in " +
          std::to_string(s.verify_reads) + " read(s), clusters " + Seconds(s.cluster_seconds) + ").";
  std::fprintf(stderr, "%s\n", text.c_str());
}

}  // namespace

int RunDedup(DedupArgs& args) {
  ProgressBar progress(!args.common.quiet);
  ProblemLog log(&progress);
  args.options.read = args.common.read;
  args.options.read.on_problem = [&log](const ReadProblem& p) { log.Report(p); };
  args.options.threads = args.common.threads;
  args.options.strict = args.common.strict;
  const char* stages[] = {"", "fingerprint", "verify", "score members"};
  args.options.on_progress = [&](const DedupProgress& p) {
    progress.Update(stages[p.pass], p.documents, p.bytes, p.total_bytes);
  };
  OutputFile out(args.common.output);
  if (!out.ok()) {
    std::fprintf(stderr, "reprint: %s\n", out.error().c_str());
    return 2;
  }
  // Templates are learnt before dedup so that both of its passes (and
  // --keep / --align, which read the input again) see the same text.
  if (!LearnTemplatesIfAsked(args.common, RereadOptions(args), args.template_min_documents,
                             &args.options.clean.templates)) {
    return 2;
  }
  Result<DedupResult> result = Deduplicate(args.common.inputs, args.options);
  progress.Clear();
  if (!result.ok()) {
    std::fprintf(stderr, "reprint: %s\n", result.status().ToString().c_str());
    return log.total() > 0 ? 1 : 2;
  }
  Status status = Status::Ok();
  if (args.keep == "canonical") {
    status = WriteKeptDocuments(args, result.value(), &out);
  } else if (args.align) {
    std::unordered_map<uint64_t, std::string> texts;
    status = LoadClusteredTexts(args, result.value(), &texts);
    if (status.ok()) WriteClusters(result.value(), args.singletons, &texts, Threads(args), &out);
  } else {
    WriteClusters(result.value(), args.singletons, nullptr, Threads(args), &out);
  }
  if (!args.pairs_path.empty()) {
    OutputFile pairs(args.pairs_path);
    WritePairs(result.value(), &pairs);
    if (!pairs.Close()) status = Status::IoError(pairs.error());
  }
  if (!out.Close() && status.ok()) status = Status::IoError(out.error());
  if (!status.ok()) {
    std::fprintf(stderr, "reprint: %s\n", status.ToString().c_str());
    return 2;
  }
  if (!args.common.quiet) PrintSummary(result.value(), log);
  return log.total() > 0 ? 1 : 0;
}

}  // namespace reprint::cli
