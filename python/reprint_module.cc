// Python bindings (module reprint._reprint): a thin layer over the public
// library API. Every call that does real work releases the GIL, so Python
// threads can clean, compare or index in parallel. Results are plain dicts
// and lists; the copy index answers in the same shape as the HTTP service
// (apps/serve/answer_json.h), produced by the same code.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "answer_json.h"
#include "reprint/align.h"
#include "reprint/cleaner.h"
#include "reprint/copy_index.h"
#include "reprint/dedup.h"
#include "reprint/fingerprint.h"
#include "reprint/similarity.h"
#include "reprint/story.h"

namespace py = pybind11;

namespace reprint::python {
namespace {

// Expected errors become the Python exceptions a caller would catch.
[[noreturn]] void Raise(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kMalformedInput:
    case StatusCode::kTooLarge:
      throw py::value_error(status.ToString());
    case StatusCode::kNotFound:
      throw py::key_error(status.ToString());
    default:
      throw std::runtime_error(status.ToString());
  }
}

void Check(const Status& status) {
  if (!status.ok()) Raise(status);
}

template <typename T>
T Take(Result<T> result) {
  if (!result.ok()) Raise(result.status());
  return std::move(result).value();
}

DocumentFormat ParseFormat(const std::string& format) {
  if (format == "auto") return DocumentFormat::kAuto;
  if (format == "text") return DocumentFormat::kText;
  if (format == "html") return DocumentFormat::kHtml;
  throw py::value_error("format must be \"auto\", \"text\" or \"html\", not \"" + format + "\"");
}

// A document given as a dict with the JSON Lines record's fields.
RawDocument RawFromDict(const py::dict& doc, size_t index) {
  RawDocument raw;
  raw.index = index;
  // str and bytes as they are (bytes: HTML in its own encoding, decoded by
  // the cleaner); anything else (a numeric id) by its str().
  const auto field = [&doc](const char* name) {
    if (!doc.contains(name) || doc[name].is_none()) return std::string();
    const py::object value = doc[name];
    if (py::isinstance<py::str>(value) || py::isinstance<py::bytes>(value)) return value.cast<std::string>();
    return py::str(value).cast<std::string>();
  };
  raw.id = field("id");
  raw.url = field("url");
  raw.source = field("source");
  raw.date = field("date");
  raw.title = field("title");
  if (doc.contains("html") && !doc["html"].is_none()) {
    raw.content = field("html");
    raw.format = DocumentFormat::kHtml;
  } else if (doc.contains("text") && !doc["text"].is_none()) {
    raw.content = field("text");
    raw.format = DocumentFormat::kText;
  } else {
    throw py::value_error("document " + std::to_string(index) + " has neither \"text\" nor \"html\"");
  }
  if (raw.id.empty()) throw py::value_error("document " + std::to_string(index) + " has no \"id\"");
  raw.location = {"<python>", index + 1};
  return raw;
}

py::object FromJson(const serve::Json& json) {
  static py::object loads = py::module_::import("json").attr("loads");
  return loads(serve::Serialize(json));
}

py::dict ScoresDict(const PairScores& s) {
  return py::dict(py::arg("jaccard") = s.jaccard, py::arg("containment") = s.containment,
                  py::arg("shared_shingles") = s.intersection);
}

py::dict Clean(std::string content, const std::string& format, const std::string& id, const std::string& url,
               const std::string& date, const std::string& title, bool remove_boilerplate) {
  RawDocument raw;
  raw.id = id, raw.url = url, raw.date = date, raw.title = title;
  raw.content = std::move(content);
  raw.format = ParseFormat(format);
  CleanDocument out;
  {
    py::gil_scoped_release unlocked;
    // A Cleaner keeps its parser and buffers between documents: one per
    // thread and setting.
    static thread_local std::unique_ptr<Cleaner> cleaners[2];
    std::unique_ptr<Cleaner>& cleaner = cleaners[remove_boilerplate];
    if (!cleaner) {
      CleanOptions options;
      options.remove_boilerplate = remove_boilerplate;
      cleaner = std::make_unique<Cleaner>(options);
    }
    Check(cleaner->Clean(raw, &out));
  }
  return py::dict(py::arg("id") = out.id, py::arg("url") = out.url, py::arg("date") = out.date,
                  py::arg("title") = out.title, py::arg("text") = out.text, py::arg("was_html") = out.was_html,
                  py::arg("repaired_utf8") = out.repaired_utf8);
}

py::dict Compare(const std::string& a, const std::string& b, double jaccard, double containment) {
  RelationThresholds thresholds;
  thresholds.jaccard = jaccard, thresholds.containment = containment;
  TextComparison c;
  {
    py::gil_scoped_release unlocked;
    c = CompareTexts(a, b, FingerprintOptions(), thresholds);
  }
  py::dict out = ScoresDict(c.scores);
  out["relation"] = std::string(RelationName(c.relation));
  out["a_shingles"] = c.a_shingles;
  out["b_shingles"] = c.b_shingles;
  if (c.relation == Relation::kContained) out["contained"] = c.a_shingles < c.b_shingles ? "a" : "b";
  return out;
}

py::dict AlignTexts(const std::string& a, const std::string& b, int seed_words, int min_passage_words) {
  AlignOptions options;
  options.seed_words = seed_words;
  options.min_passage_words = min_passage_words;
  Alignment alignment;
  {
    py::gil_scoped_release unlocked;
    alignment = Align(a, b, options);
  }
  py::list spans, gaps;
  for (const AlignedSpan& s : alignment.spans)
    spans.append(py::dict(py::arg("a_begin") = s.a_begin, py::arg("a_end") = s.a_end, py::arg("b_begin") = s.b_begin,
                          py::arg("b_end") = s.b_end, py::arg("a_words") = s.a_words, py::arg("b_words") = s.b_words,
                          py::arg("matched_words") = s.matched_words));
  for (const Gap& g : alignment.gaps)
    gaps.append(py::dict(py::arg("kind") = std::string(GapKindName(g.kind)), py::arg("a_begin") = g.a_begin,
                         py::arg("a_end") = g.a_end, py::arg("b_begin") = g.b_begin, py::arg("b_end") = g.b_end,
                         py::arg("a_words") = g.a_words, py::arg("b_words") = g.b_words,
                         py::arg("inside_passage") = g.inside_passage));
  return py::dict(py::arg("relation") = std::string(ReuseRelationName(alignment.relation)),
                  py::arg("coverage_a") = alignment.coverage_a, py::arg("coverage_b") = alignment.coverage_b,
                  py::arg("a_words") = alignment.a_words, py::arg("b_words") = alignment.b_words,
                  py::arg("passages") = spans, py::arg("gaps") = gaps);
}

// Read problems are collected, not printed: the caller decides.
struct ProblemList {
  std::vector<std::string> messages;
  std::mutex mutex;
  void Attach(ReadOptions* read) {
    read->on_problem = [this](const ReadProblem& p) {
      std::lock_guard lock(mutex);
      messages.push_back(p.where.ToString() + ": " + p.reason);
    };
  }
};

// Runs a batch job over files with the GIL released; what the reader
// skipped goes to *problems.
template <typename Output, typename Options, typename Job>
Output RunBatch(Options options, Job job, std::vector<std::string>* problems) {
  ProblemList list;
  list.Attach(&options.read);
  Result<Output> result = [&] {
    py::gil_scoped_release unlocked;
    return job(options);
  }();
  *problems = std::move(list.messages);
  return Take(std::move(result));
}

py::dict DedupFiles(const std::vector<std::string>& inputs, double jaccard, double containment, unsigned threads) {
  DedupOptions options;
  options.thresholds.jaccard = jaccard, options.thresholds.containment = containment;
  options.threads = threads;
  std::vector<std::string> problems;
  const DedupResult result = RunBatch<DedupResult>(
      options, [&inputs](const DedupOptions& o) { return Deduplicate(inputs, o); }, &problems);
  py::list clusters;
  for (const Cluster& c : result.clusters) {
    py::list members;
    for (const ClusterMember& m : c.members) {
      py::dict member(py::arg("id") = result.documents[m.doc].id,
                      py::arg("relation") = std::string(RelationName(m.relation)));
      if (m.relation != Relation::kCanonical) member.attr("update")(ScoresDict(m.scores));
      members.append(member);
    }
    clusters.append(py::dict(py::arg("id") = c.id, py::arg("canonical") = result.documents[c.canonical].id,
                             py::arg("members") = members));
  }
  py::list ids;
  for (const DocumentInfo& d : result.documents) ids.append(d.id);
  const DedupStats& s = result.stats;
  py::dict stats(py::arg("documents") = s.documents, py::arg("skipped") = s.skipped, py::arg("empty") = s.empty,
                 py::arg("duplicates") = s.duplicates, py::arg("candidate_pairs") = s.candidate_pairs,
                 py::arg("verified_pairs") = s.verified_pairs, py::arg("seconds") = s.seconds);
  return py::dict(py::arg("documents") = ids, py::arg("clusters") = clusters, py::arg("stats") = stats,
                  py::arg("problems") = problems);
}

py::dict StoriesFiles(const std::vector<std::string>& inputs, double threshold, double window_days, unsigned threads) {
  StoryOptions options;
  options.threshold = threshold;
  options.window_days = window_days;
  options.threads = threads;
  std::vector<std::string> problems;
  const StoryResult result = RunBatch<StoryResult>(
      options, [&inputs](const StoryOptions& o) { return ClusterStories(inputs, o); }, &problems);
  py::list stories;
  for (const Story& story : result.stories) {
    std::vector<std::string> members;
    for (uint32_t m : story.members) members.push_back(result.ids[m]);
    stories.append(py::dict(py::arg("id") = story.id, py::arg("label") = story.label, py::arg("members") = members));
  }
  return py::dict(py::arg("stories") = stories, py::arg("documents") = result.stats.documents,
                  py::arg("skipped") = result.stats.skipped, py::arg("problems") = problems);
}

// The persistent copy index (reprint/copy_index.h). Closing it (or leaving
// a `with` block) releases the directory's lock. Every method may be called
// from any Python thread; close() waits for the calls in progress.
class PyCopyIndex {
 public:
  PyCopyIndex(const std::string& dir, std::optional<size_t> memory_mb, bool sync) {
    CopyIndexOptions options;
    if (memory_mb) FitToMemory(*memory_mb << 20, &options);
    options.sync_writes = sync;
    py::gil_scoped_release unlocked;
    index_ = Take(CopyIndex::Open(dir, options));
  }

  py::list Add(const py::list& docs) {
    std::vector<RawDocument> raw;
    for (size_t i = 0; i < docs.size(); ++i) raw.push_back(RawFromDict(docs[i].cast<py::dict>(), i));
    std::vector<DocumentAnswer> answers;
    Use([&](CopyIndex& index) {
      std::vector<PreparedDocument> prepared;
      for (const RawDocument& r : raw) prepared.push_back(Take(index.Prepare(r)));
      Check(index.Add(std::move(prepared), &answers));
    });
    py::list out;
    for (const DocumentAnswer& a : answers) out.append(FromJson(serve::AnswerJson(a)));
    return out;
  }

  py::object Query(const py::dict& doc) {
    const RawDocument raw = RawFromDict(doc, 0);
    DocumentAnswer answer;
    Use([&](CopyIndex& index) { Check(index.Query(Take(index.Prepare(raw, false)), &answer)); });
    return FromJson(serve::AnswerJson(answer));
  }

  py::object Get(const std::string& id, bool with_text) {
    return OrNone(Use([&](CopyIndex& index) { return index.GetDocument(id); }),
                  [with_text](const StoredDocument& doc) { return serve::StoredDocumentJson(doc, with_text); });
  }

  bool Delete(const std::string& id) {
    const Status s = Use([&](CopyIndex& index) { return index.Delete(id); });
    if (s.code() == StatusCode::kNotFound) return false;
    Check(s);
    return true;
  }

  uint64_t DeleteBefore(int32_t day) {
    return Take(Use([&](CopyIndex& index) { return index.DeleteBefore(day); }));
  }

  py::object Cluster(uint64_t id) {
    return OrNone(Use([&](CopyIndex& index) { return index.GetCluster(id); }), serve::ClusterJson);
  }

  py::object Story(uint64_t id, size_t max_members) {
    return OrNone(Use([&](CopyIndex& index) { return index.GetStory(id, max_members); }), serve::StoryJson);
  }

  py::dict Stats() {
    const CopyIndexStats s = Use([](CopyIndex& index) { return index.Stats(); });
    return py::dict(py::arg("documents") = s.documents, py::arg("clusters") = s.clusters,
                    py::arg("clustered_documents") = s.clustered_documents, py::arg("stories") = s.stories,
                    py::arg("capped_keys") = s.capped_keys, py::arg("disk_bytes") = s.disk_bytes,
                    py::arg("cache_bytes_used") = s.cache_bytes_used, py::arg("memtable_bytes") = s.memtable_bytes,
                    py::arg("commits") = s.commits, py::arg("compactions") = s.compactions);
  }

  void CheckConsistency() { Check(Use([](CopyIndex& index) { return index.CheckConsistency(); })); }
  void Compact() { Check(Use([](CopyIndex& index) { return index.Compact(); })); }

  void Close() {
    py::gil_scoped_release unlocked;
    std::unique_lock lock(mutex_);
    index_.reset();
  }

 private:
  // Runs `work` on the open index with the GIL released.
  template <typename Work>
  std::invoke_result_t<Work, CopyIndex&> Use(Work work) {
    py::gil_scoped_release unlocked;
    std::shared_lock lock(mutex_);
    if (!index_) throw std::runtime_error("the index is closed");
    return work(*index_);
  }

  // None for kNotFound, else the value as the HTTP service writes it.
  template <typename T, typename ToJson>
  static py::object OrNone(Result<T> result, ToJson to_json) {
    if (result.status().code() == StatusCode::kNotFound) return py::none();
    return FromJson(to_json(Take(std::move(result))));
  }

  std::shared_mutex mutex_;  // shared by calls, exclusive for close()
  std::unique_ptr<CopyIndex> index_;
};

}  // namespace
}  // namespace reprint::python

PYBIND11_MODULE(_reprint, m) {
  using namespace reprint::python;
  namespace py = pybind11;
  m.doc() = "reprint: find copies of the same text in piles of news and web documents";
  m.def("clean", &Clean, "A document's article text: HTML to clean text, entities decoded, boilerplate removed",
        py::arg("content"), py::kw_only(), py::arg("format") = "auto", py::arg("id") = "", py::arg("url") = "",
        py::arg("date") = "", py::arg("title") = "", py::arg("remove_boilerplate") = true);
  m.def("compare", &Compare, "How two clean texts relate: Jaccard, containment and relation of their shingle sets",
        py::arg("a"), py::arg("b"), py::kw_only(), py::arg("jaccard") = 0.7, py::arg("containment") = 0.7);
  m.def("align", &AlignTexts, "Passages of a reused in b, and the cut, added and edited gaps (byte offsets)",
        py::arg("a"), py::arg("b"), py::kw_only(), py::arg("seed_words") = 3, py::arg("min_passage_words") = 5);
  m.def("dedup_files", &DedupFiles, "Copy clusters of the documents in files or directories (as `reprint dedup`)",
        py::arg("inputs"), py::kw_only(), py::arg("jaccard") = 0.7, py::arg("containment") = 0.7,
        py::arg("threads") = 0);
  m.def("stories_files", &StoriesFiles, "Stories of the documents in files or directories (as `reprint stories`)",
        py::arg("inputs"), py::kw_only(), py::arg("threshold") = 0.11, py::arg("window_days") = 7.0,
        py::arg("threads") = 0);
  py::class_<PyCopyIndex>(m, "CopyIndex", "The persistent copy index that `reprint serve` answers from")
      .def(py::init<const std::string&, std::optional<size_t>, bool>(), py::arg("path"), py::kw_only(),
           py::arg("memory_mb") = py::none(), py::arg("sync") = true)
      .def("add", &PyCopyIndex::Add, "Match, store and answer documents (dicts with id and text or html)",
           py::arg("documents"))
      .def("query", &PyCopyIndex::Query, "What add() would answer, storing nothing", py::arg("document"))
      .def("get", &PyCopyIndex::Get, "A stored document, or None", py::arg("id"), py::kw_only(),
           py::arg("text") = false)
      .def("delete", &PyCopyIndex::Delete, "Remove a document; False when no such id is stored", py::arg("id"))
      .def("delete_before", &PyCopyIndex::DeleteBefore,
           "Retention: remove documents dated (else ingested) before this day (days since 1970-01-01)",
           py::arg("day"))
      .def("cluster", &PyCopyIndex::Cluster, "A copy cluster with its members, or None", py::arg("id"))
      .def("story", &PyCopyIndex::Story, "A story with its members, or None", py::arg("id"), py::kw_only(),
           py::arg("max_members") = 100)
      .def("stats", &PyCopyIndex::Stats)
      .def("check", &PyCopyIndex::CheckConsistency, "Verify every cross-reference; raises when inconsistent")
      .def("compact", &PyCopyIndex::Compact, "Rewrite the store into its last level (after a bulk add)")
      .def("close", &PyCopyIndex::Close)
      .def("__enter__", [](PyCopyIndex& self) -> PyCopyIndex& { return self; })
      .def("__exit__", [](PyCopyIndex& self, py::args) { self.Close(); });
}
