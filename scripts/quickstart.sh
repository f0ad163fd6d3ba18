#!/usr/bin/env bash
# One command for a newcomer: install what is missing, build, and deduplicate
# the example corpus that ships in examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target reprint_cli
echo
echo "== reprint dedup examples/  (copy clusters, JSON Lines) =="
build/release/apps/cli/reprint dedup examples/
echo
echo "== reprint compare: the agency original vs the trimmed reprint =="
build/release/apps/cli/reprint compare examples/wire/agency-original.txt examples/wire/metro-brief-trimmed.txt
