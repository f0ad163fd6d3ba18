#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) and runs each for a
# bounded time over its seed corpus. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scripts/install-deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target clean_fuzz jsonl_fuzz
shared=../shared
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/clean" "$work/jsonl"
# Seed corpora: the seeds and the extraction dev pages for HTML/text; a few
# JSON Lines files made here for the reader.
cp "$shared"/seeds/*.txt "$work/clean/" 2>/dev/null || true
for page in "$shared"/data/extraction/readability-test-pages/*/source.html; do
  cp "$page" "$work/clean/$(basename "$(dirname "$page")").html"
done
printf '{"id":"a","text":"one two three"}\n{"id":2,"html":"<p>x</p>"}\n' > "$work/jsonl/a.jsonl"
printf '{"text":"caf\xc3\xa9"}\n{bad\n\n{"text":""}\n' > "$work/jsonl/b.jsonl"
# Third-party findings that are not ours to fix are suppressed, with reasons,
# in fuzz/asan.supp.
export ASAN_OPTIONS="suppressions=$PWD/fuzz/asan.supp${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
for target in clean_fuzz jsonl_fuzz; do
  corpus="$work/${target%_fuzz}"
  echo "== $target for ${seconds}s" >&2
  build/fuzz/fuzz/$target -seed=1 -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=4096 \
    -artifact_prefix=build/fuzz/ "$corpus"
done
