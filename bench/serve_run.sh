#!/usr/bin/env bash
# One measured run of `reprint serve` over the preloaded index, for A/B
# comparisons of binaries or settings (run it alternately for each side):
# a hard-linked working copy of the index, 6 s of warm-up dry-run queries,
# then DURATION seconds of each load (dry-run queries or ingests) at CONNS
# connections. Prints the client's rate and latency, the server's peak
# resident size, its CPU over the run (per thread name: the HTTP threads and
# the writer share the binary's name; rocksdb:high flushes, rocksdb:low
# compacts) and its group commits. Shorter than run_serve_bench.sh, which
# gives the figures of record.
#
#   bench/serve_run.sh BINARY query|ingest[,query|ingest|compacted...] [DURATION]
#
# Several loads run one after the other on the same server (ingest,query
# measures queries on an index that has just taken writes, as in service;
# `compacted` waits for the server's idle compaction, see SERVE_ARGS).
# Environment: CONNS (default 8); BATCH (documents per request, default 1);
# QUERY_SKIP and QUERY_DOCS (the stream lines queries cycle through, default
# 400000 and 40000: fewer than a run sends, so later passes repeat queries;
# 150000 and 350000 never repeat); INDEX (default bench/out/serve-index-1000000);
# SERVE_ARGS (more flags for `reprint serve`, e.g. "--compact-idle 5");
# PRELOAD (an allocator to LD_PRELOAD into the server); PERF=FILE to record a
# perf profile of the server over each load (FILE.query, FILE.ingest).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="$1" mode="$2" duration="${3:-20}"
index="${INDEX:-$repo/bench/out/serve-index-1000000}"
stream="$repo/bench/out/corpus-500000-s2/corpus.jsonl"
load="$repo/build/release/bench/serve_load"
port=18096
[[ -d "$index" && -s "$stream" ]] || { echo "run bench/run_serve_bench.sh first ($index, $stream)" >&2; exit 2; }
if curl -sf "http://127.0.0.1:$port/v1/health" > /dev/null; then echo "port $port is in use" >&2; exit 2; fi

work="$(mktemp -d)"
for f in "$index"/*; do case "$f" in *.sst) ln "$f" "$work/" ;; *) cp -a "$f" "$work/" ;; esac; done
# shellcheck disable=SC2086  # SERVE_ARGS is a list of flags
LD_PRELOAD="${PRELOAD:-}" "$binary" serve --index "$work" --bind "127.0.0.1:$port" ${SERVE_ARGS:-} 2> "$work.log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; while kill -0 $pid 2>/dev/null; do sleep 0.2; done; rm -rf "$work" "$work.log"' EXIT
until curl -sf "http://127.0.0.1:$port/v1/health" > /dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$work.log" >&2; exit 1; }
  sleep 0.5
done

"$load" --url "127.0.0.1:$port" --input "$stream" --skip 450000 --docs 20000 -c 8 --duration 6 --dry-run \
  --id-prefix w- 2>&1 | grep "requests/s" | sed "s/^/warm-up: /"
measure() {  # one load: query or ingest
  local args
  case "$1" in
    query) args=(--dry-run --skip "${QUERY_SKIP:-400000}" --docs "${QUERY_DOCS:-40000}") ;;
    ingest) args=(--skip "$ingested" --docs 250000) ingested=$((ingested + 250000)) ;;
  esac
  echo "== $1"
  thread_ticks > "$work.before"
  local perf_pid=""
  if [[ -n "${PERF:-}" ]]; then
    perf record -F 499 -g -p "$pid" -o "$PERF.$1" -- sleep "$duration" > /dev/null 2>&1 &
    perf_pid=$!
  fi
  "$load" --url "127.0.0.1:$port" --input "$stream" "${args[@]}" -c "${CONNS:-8}" --duration "$duration" \
    --batch "${BATCH:-1}" --id-prefix "s$ingested-" 2>&1 | grep -E "requests/s|documents/s|latency"
  thread_ticks > "$work.after"
  [[ -z "$perf_pid" ]] || wait "$perf_pid"
  grep VmHWM "/proc/$pid/status"
  awk 'NR == FNR { before[$1] += $2; next } { after[$1] += $2 }
       END { for (name in after) printf "server cpu %s: %.1f s\n", name, (after[name] - before[name]) / 100 }' \
    "$work.before" "$work.after" | sort
  curl -s "http://127.0.0.1:$port/metrics" | grep -E "^reprint_index_(commits|committed_documents)_total"
}
wait_compaction() {  # until the server's idle compaction has run once more
  local metric=reprint_index_compactions_total before now start=$SECONDS
  before=$(curl -s "http://127.0.0.1:$port/metrics" | awk -v m=$metric '$1 == m { print $2 }')
  echo "== waiting for an idle compaction"
  while now=$(curl -s "http://127.0.0.1:$port/metrics" | awk -v m=$metric '$1 == m { print $2 }'); [[ "$now" == "$before" ]]; do
    (( SECONDS - start < 600 )) || { echo "no compaction in 600 s" >&2; exit 1; }
    sleep 0.5
  done
  echo "compacted after $((SECONDS - start)) s; $(curl -s "http://127.0.0.1:$port/metrics" | grep -E "^reprint_index_compaction_seconds_total")"
}
thread_ticks() { for t in /proc/"$pid"/task/*; do echo "$(cat "$t/comm") $(awk '{print $14 + $15}' "$t/stat")"; done; }
ingested=0
IFS=, read -ra modes <<< "$mode"
for m in "${modes[@]}"; do
  case "$m" in query|ingest|compacted) ;; *) echo "modes are query, ingest and compacted" >&2; exit 2 ;; esac
done
for m in "${modes[@]}"; do
  if [[ "$m" == compacted ]]; then wait_compaction; else measure "$m"; fi
done
rm -f "$work.before" "$work.after"
