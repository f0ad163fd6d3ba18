#!/usr/bin/env bash
# Benchmark of `reprint serve` (issue 5): ingest rate and latency of
# POST /v1/documents with N documents already indexed, and dry-run query rate.
#
#   bench/run_serve_bench.sh [--docs N] [--duration S] [--rate R] [--port P]
#                            [--reprint PATH] [--load PATH] [--stream-docs M]
#                            [-- EXTRA_SERVE_ARGS...]
#
# 1. Preloads the first N documents of bench/out/corpus-N/corpus.jsonl (made by
#    make_corpus.py, seed 1, when missing) with `reprint index add --no-sync`
#    into bench/out/serve-index-N and compacts it (`reprint index compact`),
#    once: later runs reuse it (the preload and compaction times are in
#    bench/out/serve-index-N.preload).
# 2. Copies it to a working index (SST files hard-linked, as a RocksDB
#    checkpoint does), so every run starts from exactly N documents, and starts
#    `reprint serve` on it (default flags: fsync'ed commits).
# 3. Runs bench/serve_load (build/release/bench/serve_load): a warm-up of
#    dry-run queries, (e) dry-run queries on the compacted index, 8
#    connections, a warm-up of ingests, then
#    (c) dry-run queries closed loop, 32 connections, (a) ingest closed loop
#    with 8 and 32 connections, (b) ingest open loop at --rate (default 5000/s),
#    32 connections, then (d) dry-run queries again with 8 connections on the
#    index the ingests changed, each for --duration seconds (default 30). Ingested and
#    queried documents come from another corpus (M documents, seed 2; default
#    500,000), with ids prefixed so they never collide with preloaded ones.
#    A measured query run never sends a document twice (the warm-ups do):
#    repeated queries find their blocks in the cache and inflate the rate.
# 4. Prints a summary table and stops the server with SIGTERM.
# The preloaded index is only valid for binaries with the same on-disk format:
# pass --reprint a copy of the binary that preloaded it, or delete
# bench/out/serve-index-N.preload to preload again.
# Per run, bench/out/serve-runs-N/ holds the client's output and JSON, the
# server's per-thread CPU over the run, /metrics before and after, and a
# `top -H` snapshot from mid-run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
py=/usr/bin/python3
docs=1000000
duration=30
rate=5000
port=18080
stream_docs=500000
reprint="$repo/build/release/apps/cli/reprint"
load="$repo/build/release/bench/serve_load"
serve_extra=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --docs) docs="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --reprint) reprint="$2"; shift 2 ;;
    --load) load="$2"; shift 2 ;;
    --stream-docs) stream_docs="$2"; shift 2 ;;
    --) shift; serve_extra=("$@"); break ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for bin in "$reprint" "$load"; do
  [[ -x "$bin" ]] || { echo "$bin not found: cmake --build build/release --target serve_load reprint_cli" >&2; exit 2; }
done

out="$repo/bench/out"
corpus_dir="$out/corpus-$docs"
stream_dir="$out/corpus-$stream_docs-s2"
index="$out/serve-index-$docs"
work="$out/serve-index-$docs.work"
runs="$out/serve-runs-$docs"
url="127.0.0.1:$port"
mkdir -p "$runs"
rm -f "$runs"/*

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
log() { echo "== $(date +%T) $*" >&2; }

# Corpora.
if [[ ! -s "$corpus_dir/corpus.jsonl" ]]; then
  log "generating the preload corpus ($docs documents, seed 1)"
  "$py" "$here/make_corpus.py" --out "$corpus_dir" --docs "$docs" --seed 1 >/dev/null
fi
if [[ ! -s "$stream_dir/corpus.jsonl" ]]; then
  log "generating the stream corpus ($stream_docs documents, seed 2)"
  "$py" "$here/make_corpus.py" --out "$stream_dir" --docs "$stream_docs" --seed 2 >/dev/null
fi
stream="$stream_dir/corpus.jsonl"

# 1. Preload once.
if [[ ! -s "$index.preload" ]]; then
  rm -rf "$index"
  log "preloading $docs documents into $index (load average $(loadavg))"
  before="$(loadavg)"
  rc=0
  /usr/bin/time -v "$reprint" index add --index "$index" --no-sync -o /dev/null "$corpus_dir/corpus.jsonl" \
    2> "$index.preload.log" || rc=$?
  [[ $rc -le 1 ]] || { echo "preload failed (exit $rc), see $index.preload.log" >&2; exit 1; }
  {
    echo "command: $reprint index add --index $index --no-sync -o /dev/null $corpus_dir/corpus.jsonl"
    echo "load average before: $before; after: $(loadavg)"
    grep -E "reprint: added|Elapsed|Maximum resident|User time|System time" "$index.preload.log"
    echo "disk: $(du -sh "$index" | cut -f1)"
  } > "$index.preload"
fi
# As the README advises after a bulk add: one sorted run per column.
if ! grep -q "^compact:" "$index.preload"; then
  log "compacting $index"
  start=$(date +%s.%N)
  "$reprint" index compact --index "$index" -q
  echo "compact: $("$py" -c "import time; print(f'{time.time() - $start:.1f}')") s ($reprint index compact), $(du -sh "$index" | cut -f1) on disk" >> "$index.preload"
fi
log "preload:"; cat "$index.preload" >&2

# 2. Working copy (SST files are immutable: hard links suffice).
rm -rf "$work"; mkdir -p "$work"
for f in "$index"/*; do
  case "$f" in *.sst) ln "$f" "$work/" ;; *) cp -a "$f" "$work/" ;; esac
done

log "starting reprint serve on $url ${serve_extra[*]:-}"
opened=$(date +%s.%N)
"$reprint" serve --index "$work" --bind "$url" "${serve_extra[@]}" 2> "$runs/server.log" &
pid=$!
cleanup() { kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
until curl -sf "http://$url/v1/health" > /dev/null; do
  kill -0 "$pid" 2>/dev/null || {
    cat "$runs/server.log" >&2
    echo "server died; if the index was preloaded by a binary with another on-disk format, delete $index.preload to preload again" >&2
    exit 1
  }
  sleep 0.2
done
open_seconds=$("$py" -c "import time; print(f'{time.time() - $opened:.1f}')")
log "serving after ${open_seconds} s: $(curl -s "http://$url/v1/health"); VmRSS $(grep VmRSS /proc/$pid/status)"

threads_cpu() {  # tid comm utime+stime (clock ticks) of every server thread
  for t in /proc/"$pid"/task/*; do
    local tid=${t##*/} comm stat
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    stat=$(sed 's/.*) //' "$t/stat" 2>/dev/null) || continue
    echo "$tid ${comm// /_} $(echo "$stat" | awk '{print $12 + $13}')"
  done
}
cpu_total() { head -1 /proc/stat; }

# run NAME SERVE_LOAD_ARGS...: one load run with the server's view around it.
run() {
  local name="$1"; shift
  log "$name: serve_load $* (load average $(loadavg))"
  loadavg > "$runs/$name.load-before"
  curl -s "http://$url/metrics" > "$runs/$name.metrics-before"
  threads_cpu > "$runs/$name.threads-before"
  cpu_total > "$runs/$name.cpu-before"
  ( sleep "$(( duration / 2 + 3 ))"; top -H -b -n 1 -w 200 -p "$pid" | head -30 > "$runs/$name.top" ) &
  local top_pid=$!
  /usr/bin/time -f "client cpu: %U s user, %S s system" \
    "$load" --url "$url" --input "$stream" --pid "$pid" --json-out "$runs/$name.json" "$@" \
    > "$runs/$name.txt" 2> "$runs/$name.client"
  wait "$top_pid" 2>/dev/null || true
  threads_cpu > "$runs/$name.threads-after"
  cpu_total > "$runs/$name.cpu-after"
  curl -s "http://$url/metrics" > "$runs/$name.metrics-after"
  loadavg > "$runs/$name.load-after"
  "$py" - "$runs" "$name" <<'EOF' > "$runs/$name.server"
import sys, collections
runs, name = sys.argv[1], sys.argv[2]
def threads(f):
    return {l.split()[0]: (l.split()[1], int(l.split()[2])) for l in open(f"{runs}/{name}.{f}") if len(l.split()) == 3}
b, a = threads("threads-before"), threads("threads-after")
tick = 100.0
rows = sorted(((a[t][1] - b.get(t, (None, 0))[1]) / tick, int(t), a[t][0]) for t in a)[::-1]
by_name = collections.defaultdict(float)
for s, t, c in rows: by_name[c] += s
def metric(f, key):
    for l in open(f"{runs}/{name}.{f}"):
        if l.startswith(key + " "): return float(l.split()[1])
    return 0.0
def cpu(f):
    v = [int(x) for x in open(f"{runs}/{name}.{f}").read().split()[1:]]
    return sum(v), v[3] + v[4]
(t0, i0), (t1, i1) = cpu("cpu-before"), cpu("cpu-after")
commits = metric("metrics-after", "reprint_index_commits_total") - metric("metrics-before", "reprint_index_commits_total")
committed = (metric("metrics-after", "reprint_index_committed_documents_total")
             - metric("metrics-before", "reprint_index_committed_documents_total"))
print(f"machine cpu busy: {100 * (1 - (i1 - i0) / max(1, t1 - t0)):.0f} % of 2 cores")
print(f"group commits: {commits:.0f}, documents committed: {committed:.0f}, per commit: {committed / commits if commits else 0:.1f}")
print(f"server cpu seconds: {sum(s for s, _, _ in rows):.1f} total; by thread name: " +
      ", ".join(f"{c} {s:.1f}" for c, s in sorted(by_name.items(), key=lambda x: -x[1])))
print("busiest threads (cpu s, tid, name): " + ", ".join(f"{s:.1f} {t} {c}" for s, t, c in rows[:6]))
EOF
  cat "$runs/$name.txt" "$runs/$name.server" >&2
  echo "  load average before $(cat "$runs/$name.load-before"), after $(cat "$runs/$name.load-after")" >&2
}
json() { jq -r "$2" "$runs/$1.json"; }

# 3. Warm-up: queries then ingests from the stream's tail (ids "w-").
warm=$(( stream_docs * 9 / 10 ))
run warmup-query --skip "$warm" --docs 20000 -c 8 --duration 10 --dry-run --id-prefix q-
# (e) dry-run queries on the index as compacted, on lines no run ingests.
run e-query-compacted-c8 --skip $(( stream_docs / 5 )) --docs $(( warm - stream_docs / 5 )) -c 8 --duration "$duration" \
  --dry-run --id-prefix q-
run warmup-ingest --skip "$warm" --docs 40000 -c 8 --duration 10 --id-prefix w-

# (c) dry-run queries first, so they see exactly the N preloaded documents
# (plus the warm-up's); then (a) and (b) ingest consecutive stream lines.
run c-query-c32 --skip 0 --docs $(( stream_docs / 2 )) -c 32 --duration "$duration" --dry-run --id-prefix q-
skip=0
run a-ingest-c8 --skip "$skip" --docs 250000 -c 8 --duration "$duration" --id-prefix s-
skip=$(( skip + $(json a-ingest-c8 .requests) ))
run a-ingest-c32 --skip "$skip" --docs 250000 -c 32 --duration "$duration" --id-prefix s-
skip=$(( skip + $(json a-ingest-c32 .requests) ))
run b-ingest-open --skip "$skip" --docs $(( rate * duration )) -c 32 --duration "$duration" --rate "$rate" --id-prefix s-
skip=$(( skip + $(json b-ingest-open .requests) ))
# (d) dry-run queries again, on an index that has taken writes (memtables,
# level-0 files and the merge records of the postings just changed).
# Lines no ingest reached, so no query is an exact copy.
(( skip <= warm )) || echo "note: ingest runs reached the warm-up lines of the stream (some exact copies)" >&2
run d-query-after-ingest-c8 --skip "$skip" --docs $(( warm > skip ? warm - skip : 1 )) -c 8 --duration "$duration" \
  --dry-run --id-prefix q-
for name in e-query-compacted-c8 c-query-c32 d-query-after-ingest-c8; do
  (( $(json $name .requests) <= $(json $name .documents_loaded) )) ||
    echo "note: $name sent some documents more than once (a longer --stream-docs avoids it)" >&2
done

health=$(curl -s "http://$url/v1/health")
rss=$(grep -E "VmRSS|VmHWM" /proc/$pid/status | tr -s ' \t' ' ' | tr '\n' ' ')
disk=$(du -sh "$work" | cut -f1)
stopped=$(date +%s.%N)
kill -TERM "$pid"
wait "$pid" || echo "server exit status $?" >&2
stop_seconds=$("$py" -c "import time; print(f'{time.time() - $stopped:.1f}')")

# 4. Summary.
echo
echo "reprint serve, $docs documents preloaded; index opened in ${open_seconds} s; stopped (SIGTERM) in ${stop_seconds} s"
echo "after the runs: $health; server $rss; index $disk on disk"
"$py" - "$runs" <<'EOF'
import json, sys, os
runs = sys.argv[1]
print("| run | loop | conn. | offered/s | requests/s | 200 / 429 / 503 / other / err | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | server RSS max MiB | load avg before → after |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for name in ["warmup-query", "e-query-compacted-c8", "warmup-ingest", "c-query-c32", "a-ingest-c8", "a-ingest-c32", "b-ingest-open", "d-query-after-ingest-c8"]:
    p = f"{runs}/{name}.json"
    if not os.path.exists(p): continue
    j = json.load(open(p)); l = j["latency"]; s = j["status"]
    lb = open(f"{runs}/{name}.load-before").read().split()[0]; la = open(f"{runs}/{name}.load-after").read().split()[0]
    print(f"| {name}{' (dry run)' if j['dry_run'] else ''} | {j['mode']} | {j['connections']} | {j['offered_rate'] or '-'} "
          f"| {j['requests_per_s']:.0f} | {s['200']} / {s['429']} / {s['503']} / {s['other']} / {s['transport_error']} "
          f"| {l['p50_ms']:.2f} | {l['p90_ms']:.2f} | {l['p99_ms']:.2f} | {l['p99.9_ms']:.2f} | {l['max_ms']:.1f} "
          f"| {j.get('server_rss_max_sampled_mib', 0):.0f} | {lb} → {la} |")
EOF
echo "(open loop: latency counted from when each request was due; details and per-thread CPU in $runs/)"
