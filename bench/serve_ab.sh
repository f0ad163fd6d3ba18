#!/usr/bin/env bash
# A/B comparison of two reprint binaries as a service over the same
# preloaded index (bench/run_serve_bench.sh builds it): for each binary, a
# fresh working copy of the index (SST files hard-linked), a short warm-up of
# dry-run queries, then 20 s of closed-loop single-document ingests at
# 8 connections. Shorter than run_serve_bench.sh: for comparing changes, not
# for the figures of record.
#
#   bench/serve_ab.sh OLD_BINARY NEW_BINARY [DOCS]
#
# When the two binaries store different layouts, give each its own preloaded
# index: OLD_INDEX=DIR NEW_INDEX=DIR bench/serve_ab.sh OLD NEW.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
docs="${3:-1000000}"
index="$repo/bench/out/serve-index-$docs"
stream="$repo/bench/out/corpus-500000-s2/corpus.jsonl"
load="$repo/build/release/bench/serve_load"
work="$(mktemp -d)"
trap 'pkill -TERM -f "serve --index $work" || true; rm -rf "$work"' EXIT
[[ -d "$index" && -s "$stream" ]] || { echo "run bench/run_serve_bench.sh first ($index, $stream)" >&2; exit 2; }

run() {
  local binary="$1" label="$2" index="$3"
  rm -rf "$work"/*
  for f in "$index"/*; do case "$f" in *.sst) ln "$f" "$work/" ;; *) cp -a "$f" "$work/" ;; esac; done
  "$binary" serve --index "$work" --bind 127.0.0.1:18090 2> "$work.$label.log" &
  until curl -sf http://127.0.0.1:18090/v1/health > /dev/null; do sleep 0.5; done
  "$load" --url 127.0.0.1:18090 --input "$stream" --skip 450000 --docs 20000 -c 8 --duration 8 --dry-run \
    --id-prefix q- 2>&1 | grep "requests/s" | sed "s/^/$label warm-up queries: /"
  "$load" --url 127.0.0.1:18090 --input "$stream" --skip 0 --docs 250000 -c 8 --duration 20 --id-prefix s- 2>&1 |
    grep -E "requests/s|latency" | sed "s/^/$label ingests: /"
  pkill -TERM -f "serve --index $work"
  sleep 3
}
run "$1" old "${OLD_INDEX:-$index}"
run "$2" new "${NEW_INDEX:-$index}"
