// reprint: find copies of the same text in piles of news and web documents.
// Flag parsing only; the work is in the library and the *_command.cc files.
#include <CLI/CLI.hpp>

#include "commands.h"
#include "serve_command.h"
#include "extract_commands.h"
#include "index_commands.h"
#include "story_commands.h"

namespace {

using reprint::cli::CommonArgs;

void AddCommonFlags(CLI::App* cmd, CommonArgs* args, bool with_inputs = true) {
  if (with_inputs)
    cmd->add_option("inputs", args->inputs, "Files or directories (recursive); - for stdin. .gz/.zst are decompressed")
        ->required();
  cmd->add_option("-o,--output", args->output, "Write results here instead of stdout");
  cmd->add_option("--threads", args->threads, "Worker threads (0 = all cores); output does not depend on it");
  cmd->add_flag("--strict", args->strict, "Stop at the first skipped record");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress bar and no summary");
  cmd->add_option("--id-field", args->read.id_field, "JSON Lines field holding the document id")->capture_default_str();
  cmd->add_option("--text-field", args->read.text_field, "JSON Lines field holding plain text")->capture_default_str();
  cmd->add_option("--html-field", args->read.html_field, "JSON Lines field holding HTML")->capture_default_str();
  cmd->add_option("--url-field", args->read.url_field, "JSON Lines field holding the URL")->capture_default_str();
  cmd->add_option("--source-field", args->read.source_field, "JSON Lines field holding the publisher")->capture_default_str();
  cmd->add_option("--date-field", args->read.date_field, "JSON Lines field holding the date")->capture_default_str();
  cmd->add_option("--max-document-bytes", args->read.max_document_bytes, "Skip larger documents")->capture_default_str();
}

void AddTemplateFlag(CLI::App* cmd, unsigned* min_documents) {
  cmd->add_option("--templates", *min_documents,
                  "Remove paragraphs found in this many different articles of one source (source field or URL "
                  "host); 0 = off. Reads the input twice")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& value) {
            return value == "1" ? std::string("1 would make every paragraph a template; use 0 (off) or >= 2")
                                : std::string();
          },
          "0 or >= 2"));
}

void AddSimilarityFlags(CLI::App* cmd, reprint::DedupOptions* o) {
  cmd->add_option("--threshold", o->thresholds.jaccard, "Jaccard similarity for near-duplicates")
      ->capture_default_str()->check(CLI::Range(0.01, 0.99));
  cmd->add_option("--containment", o->thresholds.containment, "Share of the smaller text inside the larger for trimmed copies")
      ->capture_default_str()->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--shingle", o->fingerprint.shingle_size, "Words per shingle")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--num-perm", o->fingerprint.num_perm, "MinHash sketch size")->capture_default_str()->check(CLI::Range(8, 4096));
  cmd->add_option("--anchor-rate", o->fingerprint.anchor_rate_log2,
                  "One shingle in 2^N is a containment anchor (lower finds shorter trimmed copies, costs more)")
      ->capture_default_str()->check(CLI::Range(0, 16));
}

void AddAlignFlags(CLI::App* cmd, reprint::AlignOptions* o) {
  cmd->add_option("--seed-words", o->seed_words, "Words per alignment seed n-gram")->capture_default_str()->check(CLI::Range(1, 16));
  cmd->add_option("--max-gap", o->max_gap_words, "Edited words between two seeds of one passage")
      ->capture_default_str()->check(CLI::Range(0, 255));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"reprint: find copies of the same text in piles of news and web documents"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "reprint 0.1.0");

  reprint::cli::DedupArgs dedup;
  CLI::App* dedup_cmd = app.add_subcommand("dedup", "Group copies (exact, near-duplicate, trimmed) into clusters");
  AddCommonFlags(dedup_cmd, &dedup.common);
  AddSimilarityFlags(dedup_cmd, &dedup.options);
  dedup_cmd->add_option("--common-anchor", dedup.options.common_posting,
                        "An anchor in more documents than this is common: it counts towards pairs found through "
                        "rarer anchors but finds none alone (bounds the work on reused sentences)")
      ->capture_default_str()->check(CLI::Range(size_t{1}, size_t{1} << 30));
  dedup_cmd->add_option("--keep", dedup.keep, "'canonical': write the deduplicated corpus instead of clusters")
      ->check(CLI::IsMember({"canonical"}));
  dedup_cmd->add_option("--pairs", dedup.pairs_path, "Also write the verified pairs (JSON Lines) to this file");
  dedup_cmd->add_flag("--singletons", dedup.singletons, "Also write documents without copies as one-member clusters");
  dedup_cmd->add_flag("--align", dedup.align,
                      "Add each member's passage alignment against the canonical member (reads the input again and "
                      "holds the clustered documents' text)");
  dedup_cmd->add_option("--verify-memory", dedup.options.verify_memory_bytes,
                        "Bytes of shingle sets held at once while verifying (more means fewer re-reads)")
      ->capture_default_str();
  AddTemplateFlag(dedup_cmd, &dedup.template_min_documents);
  dedup_cmd->add_option("--temp-dir", dedup.options.temp_dir,
                        "Where to spill shingle sets during the run (default: the system's temp dir)");

  reprint::cli::CleanArgs clean;
  CLI::App* clean_cmd = app.add_subcommand("clean", "Write each document's article text as JSON Lines");
  AddCommonFlags(clean_cmd, &clean.common);
  AddTemplateFlag(clean_cmd, &clean.template_min_documents);

  reprint::cli::CompareArgs compare;
  CLI::App* compare_cmd = app.add_subcommand("compare", "Say how two documents relate");
  compare_cmd->add_option("a", compare.a, "First document")->required();
  compare_cmd->add_option("b", compare.b, "Second document")->required();
  compare_cmd->add_flag("--json", compare.json, "Machine-readable output");
  compare_cmd->add_flag("!--no-colour", compare.colour, "No ANSI colours in the side-by-side alignment");
  AddSimilarityFlags(compare_cmd, &compare.options);
  AddAlignFlags(compare_cmd, &compare.align);

  reprint::cli::StoriesArgs stories;
  CLI::App* stories_cmd = app.add_subcommand("stories", "Group independently written articles about one event into stories");
  AddCommonFlags(stories_cmd, &stories.common);
  stories_cmd->add_option("--threshold", stories.options.threshold, "Cosine similarity to a story's centroid to join it")
      ->capture_default_str()->check(CLI::Range(0.01, 0.99));
  stories_cmd->add_option("--window-days", stories.options.window_days,
                          "Dated articles join only stories within this many days (0: ignore dates)")
      ->capture_default_str()->check(CLI::Range(0.0, 36500.0));

  CLI::App* eval_cmd = app.add_subcommand("eval", "Evaluate results against a gold standard");
  eval_cmd->require_subcommand(1);
  reprint::cli::EvalReuseArgs eval_reuse;
  CLI::App* eval_reuse_cmd =
      eval_cmd->add_subcommand("reuse", "Passage alignment on the Clough-Stevenson text reuse corpus");
  eval_reuse_cmd->add_option("--dir", eval_reuse.dir, "Corpus directory (file_information.csv and texts)")->required();
  eval_reuse_cmd->add_flag("--json", eval_reuse.json, "Machine-readable output");
  AddAlignFlags(eval_reuse_cmd, &eval_reuse.align);
  reprint::cli::EvalClustersArgs eval_clusters;
  CLI::App* eval_clusters_cmd =
      eval_cmd->add_subcommand("clusters", "Pairwise, B-cubed and ARI agreement of two clusterings");
  eval_clusters_cmd->add_option("--gold", eval_clusters.gold, "Gold clusters: JSON Lines or id<TAB>label")->required();
  eval_clusters_cmd->add_option("--pred", eval_clusters.predicted, "Predicted clusters: JSON Lines or id<TAB>label")
      ->required();
  eval_clusters_cmd->add_flag("--json", eval_clusters.json, "Machine-readable output");

  reprint::cli::EvalExtractArgs eval_extract;
  CLI::App* eval_extract_cmd =
      eval_cmd->add_subcommand("extract", "Article extraction: shingle P/R/F1, title and date against gold pages");
  eval_extract_cmd->add_option("--gold", eval_extract.gold, "Gold directory (Readability test pages or newspaper4k html/ + txt/)")
      ->required();
  eval_extract_cmd->add_option("--method", eval_extract.method, "'extractor', or 'cleaner' for the clean stage's baseline")
      ->capture_default_str()->check(CLI::IsMember({"extractor", "cleaner"}));
  eval_extract_cmd->add_option("--resamples", eval_extract.resamples, "Bootstrap resamples")->capture_default_str();
  eval_extract_cmd->add_option("--seed", eval_extract.seed, "Bootstrap seed")->capture_default_str();
  eval_extract_cmd->add_flag("--json", eval_extract.json, "Machine-readable output");
  eval_extract_cmd->add_flag("--no-pages", eval_extract.quiet_pages, "Only the summary, no per-page scores");

  reprint::cli::ExtractArgs extract;
  CLI::App* extract_cmd = app.add_subcommand("extract", "Write each document's article body and metadata");
  AddCommonFlags(extract_cmd, &extract.common);
  AddTemplateFlag(extract_cmd, &extract.template_min_documents);
  extract_cmd->add_option("--format", extract.format, "'jsonl' or 'text'")->capture_default_str()
      ->check(CLI::IsMember({"jsonl", "text"}));

  // reprint serve
  reprint::serve::ServeArgs serve;
  CLI::App* serve_cmd = app.add_subcommand("serve", "HTTP/JSON service over a persistent copy index");
  serve_cmd->add_option("--index", serve.index_dir, "Index directory (created when missing)")->required();
  serve_cmd->add_option("--bind", serve.bind, "HOST:PORT to listen on; port 0 picks a free one")->capture_default_str();
  serve_cmd->add_option("--token-file", serve.token_file,
                        "File with the bearer token clients must send (required unless bound to loopback)");
  serve_cmd->add_option("--threads", serve.threads, "HTTP worker threads: more than the concurrent clients")
      ->capture_default_str()->check(CLI::Range(1, 4096));
  serve_cmd->add_option("--max-body-bytes", serve.max_body_bytes, "Larger request bodies get 413")->capture_default_str();
  serve_cmd->add_option("--max-inflight", serve.max_inflight, "Requests processed at once; more get 503")
      ->capture_default_str()->check(CLI::Range(1, 1 << 20));
  serve_cmd->add_option("--memory-mb", serve.memory_mb,
                        "Resident memory to stay within: request bodies, then the index's caches and story state")
      ->capture_default_str()->check(CLI::Range(64, 1 << 24));
  serve_cmd->add_flag("--no-sync", serve.no_sync, "Acknowledge writes without fsync (survives a crash, not power loss)");
  serve_cmd->add_option("--read-timeout", serve.read_timeout_seconds,
                        "Seconds a client may stall mid-request (or not read the response) before it is dropped")
      ->capture_default_str()->check(CLI::Range(0.01, 3600.0));
  serve_cmd->add_option("--retention-days", serve.retention_days,
                        "Drop documents dated (else ingested) more than N days ago, at start and hourly")
      ->check(CLI::Range(0, 1 << 20));
  serve_cmd->add_option("--keep-alive-timeout", serve.keep_alive_seconds, "Seconds an idle connection stays open")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  serve_cmd->add_option("--compact-idle", serve.compact_idle_seconds,
                        "Compact the index after this many seconds without writes (when some came since the last "
                        "compaction); 0: never")
      ->capture_default_str()->check(CLI::Range(0.0, 86400.0 * 365));

  // reprint index
  reprint::cli::IndexArgs index;
  reprint::DedupOptions index_similarity;
  CLI::App* index_cmd = app.add_subcommand("index", "The persistent copy index that `reprint serve` answers from");
  index_cmd->require_subcommand(1);
  const auto add_index_dir = [&index](CLI::App* cmd) {
    cmd->add_option("--index", index.index_dir, "Index directory")->required();
  };
  CLI::App* index_add = index_cmd->add_subcommand("add", "Match documents against the index, store them, write one answer each");
  AddCommonFlags(index_add, &index.common);
  add_index_dir(index_add);
  AddSimilarityFlags(index_add, &index_similarity);
  index_add->add_flag("--no-sync", index.no_sync, "Do not fsync each commit (survives a crash, not power loss)");
  CLI::App* index_query = index_cmd->add_subcommand("query", "Answer for each document as `add` would, storing nothing");
  AddCommonFlags(index_query, &index.common);
  add_index_dir(index_query);
  CLI::App* index_delete = index_cmd->add_subcommand("delete", "Remove documents by id, or by age (retention)");
  index_delete->add_option("ids", index.ids, "Document ids");
  index_delete->add_option("--older-than-days", index.older_than_days,
                           "Remove documents dated (else ingested) more than N days ago")->check(CLI::Range(0, 1 << 20));
  index_delete->add_flag("-q,--quiet", index.common.quiet, "No summary");
  add_index_dir(index_delete);
  CLI::App* index_stats = index_cmd->add_subcommand("stats", "Print the index's counters as JSON");
  add_index_dir(index_stats);
  CLI::App* index_check = index_cmd->add_subcommand("check", "Verify every cross-reference of the index (reads all of it)");
  index_check->add_flag("-q,--quiet", index.common.quiet, "No summary");
  add_index_dir(index_check);
  CLI::App* index_compact =
      index_cmd->add_subcommand("compact", "Rewrite the index into its final level (after a bulk add; faster lookups)");
  index_compact->add_flag("-q,--quiet", index.common.quiet, "No summary");
  add_index_dir(index_compact);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (*dedup_cmd) return reprint::cli::RunDedup(dedup);
  if (*clean_cmd) return reprint::cli::RunClean(clean);
  if (*compare_cmd) return reprint::cli::RunCompare(compare);
  if (*eval_reuse_cmd) return reprint::cli::RunEvalReuse(eval_reuse);
  if (*eval_extract_cmd) return reprint::cli::RunEvalExtract(eval_extract);
  if (*extract_cmd) return reprint::cli::RunExtract(extract);
  if (*stories_cmd) return reprint::cli::RunStories(stories);
  if (*eval_clusters_cmd) return reprint::cli::RunEvalClusters(eval_clusters);
  if (*serve_cmd) return reprint::serve::RunServe(serve);
  index.options.fingerprint = index_similarity.fingerprint;
  index.options.thresholds = index_similarity.thresholds;
  if (*index_add) return reprint::cli::RunIndexAdd(index);
  if (*index_query) return reprint::cli::RunIndexQuery(index);
  if (*index_delete) return reprint::cli::RunIndexDelete(index);
  if (*index_stats) return reprint::cli::RunIndexStats(index);
  if (*index_check) return reprint::cli::RunIndexCheck(index);
  if (*index_compact) return reprint::cli::RunIndexCompact(index);
  return 2;
}
