#!/usr/bin/env bash
# Runs a command and prints how many cores it used in each 0.2 s interval
# (user + system CPU from /proc/PID/stat), to see where a multi-threaded run
# leaves cores idle. Example, as used for bench/RESULTS.md:
#   bench/cpu_trace.sh build/release/apps/cli/reprint dedup --threads 2 bench/out/corpus-1000000/corpus.jsonl -o out.jsonl
set -uo pipefail
"$@" &
pid=$!
ticks_per_second=$(getconf CLK_TCK)
previous=0
interval=0
while kill -0 "$pid" 2>/dev/null; do
  sleep 0.2
  ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || break
  [[ -z "$ticks" ]] && break
  awk -v t="$interval" -v d="$((ticks - previous))" -v hz="$ticks_per_second" \
    'BEGIN { printf "%5.1f s  %.2f cores\n", t * 0.2, d / hz / 0.2 }'
  previous=$ticks
  interval=$((interval + 1))
done
wait "$pid"
