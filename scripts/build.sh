#!/usr/bin/env bash
# Configure and build crossaxis in build/ (shared by demo.sh and test.sh so neither rebuilds
# what the other built). Extra arguments are passed to `cmake --build` (e.g. --target crossaxis).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${CX_BUILD_DIR:-build}
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DCX_WERROR=ON >/dev/null
fi
cmake --build "$build_dir" --parallel "$(nproc)" "$@" -- --no-print-directory >/dev/null
