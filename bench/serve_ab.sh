#!/usr/bin/env bash
# A/B comparison of two reprint binaries as a service over the same
# preloaded index (bench/run_serve_bench.sh builds it): one
# bench/serve_run.sh run each (warm-up dry-run queries, then 20 s of
# closed-loop single-document ingests at 8 connections). Shorter than
# run_serve_bench.sh: for comparing changes, not for the figures of record.
# Run it more than once: the machine's run-to-run noise is about ±10 %.
#
#   bench/serve_ab.sh OLD_BINARY NEW_BINARY [DOCS]
#
# When the two binaries store different layouts, give each its own preloaded
# index: OLD_INDEX=DIR NEW_INDEX=DIR bench/serve_ab.sh OLD NEW.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
index="$repo/bench/out/serve-index-${3:-1000000}"
INDEX="${OLD_INDEX:-$index}" CONNS=8 "$repo/bench/serve_run.sh" "$1" ingest 20 | sed "s/^/old: /"
INDEX="${NEW_INDEX:-$index}" CONNS=8 "$repo/bench/serve_run.sh" "$2" ingest 20 | sed "s/^/new: /"
