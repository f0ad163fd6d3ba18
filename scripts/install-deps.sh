#!/usr/bin/env bash
# Installs the Debian 12 packages reprint builds against, if any is missing.
# Safe to run repeatedly: it only calls apt-get when something is absent.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libsimdjson-dev libxxhash-dev libmodest-dev libicu-dev
  libcli11-dev nlohmann-json3-dev libzstd-dev zlib1g-dev
  librocksdb-dev          # the persistent copy index (reprint index, reprint serve)
  libcpp-httplib-dev      # reprint serve
  libjemalloc-dev         # the reprint binary's allocator (glibc's fragments under the service's load)
  libgtest-dev libgmock-dev libbenchmark-dev
  libgumbo-dev            # only for the parser comparison benchmark
  liblmdb-dev             # only for the storage comparison benchmark
  clang libclang-rt-14-dev  # libFuzzer targets
  python3 python3-dev pybind11-dev  # the Python bindings (python/)
  time
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
