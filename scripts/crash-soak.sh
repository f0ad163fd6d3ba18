#!/usr/bin/env bash
# Crash soak for `reprint serve`: ROUNDS (default 200) SIGKILLs of a server
# under a stream of writes, each followed by an index check, a restart and a
# GET of every acknowledged document (tests/serve_crash_test.cc). The seed is
# time-based unless REPRINT_CRASH_SEED is set; a failure prints the command
# that replays it. Runs of REPRINT_SOAK_CHUNK (25) rounds each start a fresh
# index, since every round re-checks everything the index holds.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-200}
chunk=${REPRINT_SOAK_CHUNK:-25}
seed=${REPRINT_CRASH_SEED:-$(date +%s)}
test_binary=build/release/tests/serve_crash_test

[[ -f build/release/build.ninja || -f build/release/Makefile ]] || cmake --preset release >/dev/null
cmake --build build/release --target serve_crash_test reprint_cli -j "$(nproc)" >/dev/null

echo "crash soak: $rounds kill points, seed $seed"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
done_rounds=0
run=0
while (( done_rounds < rounds )); do
  n=$(( rounds - done_rounds < chunk ? rounds - done_rounds : chunk ))
  run_seed=$(( seed + run ))
  if REPRINT_CRASH_SEED=$run_seed REPRINT_CRASH_ROUNDS=$n "$test_binary" >"$log" 2>&1; then
    grep '^crash test: .* kill points' "$log" || true
  else
    tail -n 60 "$log"
    cp "$log" crash-soak-failure.log
    echo "(full output in crash-soak-failure.log)"
    echo "crash soak FAILED after $done_rounds earlier kill points; replay with:"
    echo "  REPRINT_CRASH_SEED=$run_seed REPRINT_CRASH_ROUNDS=$n $test_binary"
    exit 1
  fi
  done_rounds=$(( done_rounds + n ))
  run=$(( run + 1 ))
done
echo "crash soak passed: $rounds kill points in ${SECONDS} s (seed $seed)"
