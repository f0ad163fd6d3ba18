// `reprint eval clusters --gold FILE --pred FILE`: pairwise, B-cubed and ARI
// agreement of two clusterings. Each file is JSON Lines clusters (as written
// by `reprint stories` or `reprint dedup`: a "members" array of ids or of
// objects with an "id") or TSV lines "id<TAB>label". Items present in only
// one file are singletons in the other.
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "reprint/cluster_metrics.h"
#include "story_commands.h"

namespace reprint::cli {
namespace {

// id -> cluster label (labels are numbered per file).
using Clustering = std::map<std::string, int64_t>;

bool ParseJsonLine(const std::string& line, int64_t label, Clustering* out, std::string* error) {
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("members") || !j["members"].is_array()) {
    *error = "expected a JSON object with a \"members\" array";
    return false;
  }
  for (const auto& m : j["members"]) {
    if (m.is_string()) {
      (*out)[m.get<std::string>()] = label;
    } else if (m.is_object() && m.contains("id") && m["id"].is_string()) {
      (*out)[m["id"].get<std::string>()] = label;
    } else {
      *error = "a member is neither a string nor an object with a string \"id\"";
      return false;
    }
  }
  return true;
}

bool ReadClustering(const std::string& path, Clustering* out, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = path + ": cannot open";
    return false;
  }
  std::map<std::string, int64_t> tsv_labels;
  std::string line;
  int64_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::string why;
    if (line[line.find_first_not_of(" \t")] == '{') {
      if (!ParseJsonLine(line, line_number, out, &why)) {
        *error = path + ":" + std::to_string(line_number) + ": " + why;
        return false;
      }
      continue;
    }
    const size_t tab = line.rfind('\t');
    if (tab == std::string::npos || tab == 0) {
      *error = path + ":" + std::to_string(line_number) + ": expected JSON or \"id<TAB>label\"";
      return false;
    }
    auto [it, inserted] = tsv_labels.try_emplace(line.substr(tab + 1), -1 - static_cast<int64_t>(tsv_labels.size()));
    (*out)[line.substr(0, tab)] = it->second;
  }
  return true;
}

}  // namespace

int RunEvalClusters(const EvalClustersArgs& args) {
  Clustering gold, predicted;
  std::string error;
  if (!ReadClustering(args.gold, &gold, &error) || !ReadClustering(args.predicted, &predicted, &error)) {
    std::fprintf(stderr, "reprint: %s\n", error.c_str());
    return 2;
  }
  std::set<std::string> items;
  for (const auto& [id, label] : gold) items.insert(id);
  for (const auto& [id, label] : predicted) items.insert(id);
  // Items missing from one side get a label of their own there.
  int64_t singleton = INT64_MIN / 2;
  std::vector<int64_t> g, p;
  for (const std::string& id : items) {
    auto a = gold.find(id), b = predicted.find(id);
    g.push_back(a != gold.end() ? a->second : singleton++);
    p.push_back(b != predicted.end() ? b->second : singleton++);
  }
  const ClusterAgreement m = CompareClusterings(g, p);
  if (args.json) {
    nlohmann::ordered_json j;
    j["items"] = m.items;
    j["gold_only"] = items.size() - predicted.size();
    j["pred_only"] = items.size() - gold.size();
    j["pairwise"] = {{"precision", m.pair_precision}, {"recall", m.pair_recall}, {"f1", m.pair_f1}};
    j["bcubed"] = {{"precision", m.bcubed_precision}, {"recall", m.bcubed_recall}, {"f1", m.bcubed_f1}};
    j["ari"] = m.ari;
    std::printf("%s\n", j.dump().c_str());
    return 0;
  }
  std::printf("items     %llu (%zu only in gold, %zu only in pred: singletons on the other side)\n",
              static_cast<unsigned long long>(m.items), items.size() - predicted.size(), items.size() - gold.size());
  std::printf("pairwise  precision %.4f  recall %.4f  F1 %.4f\n", m.pair_precision, m.pair_recall, m.pair_f1);
  std::printf("b-cubed   precision %.4f  recall %.4f  F1 %.4f\n", m.bcubed_precision, m.bcubed_recall,
              m.bcubed_f1);
  std::printf("ARI       %.4f\n", m.ari);
  return 0;
}

}  // namespace reprint::cli
