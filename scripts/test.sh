#!/usr/bin/env bash
# Install what is missing, build everything (warnings are errors) and run every test through ctest.
#   scripts/test.sh              Release build in build/
#   scripts/test.sh --sanitize   the same suite built with AddressSanitizer (leaks included) and
#                                UndefinedBehaviorSanitizer in build-asan/; any finding fails it
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
if [ "${1:-}" = "--sanitize" ]; then
  echo "test: building crossaxis and its tests with ASan and UBSan ..." >&2
  if [ ! -f build-asan/CMakeCache.txt ]; then
    cmake --preset asan >/dev/null  # CMakePresets.json
  fi
  cmake --build build-asan --parallel "$(nproc)" -- --no-print-directory >/dev/null
  cd build-asan
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ctest --output-on-failure --no-tests=error --parallel "$(nproc)"
  exit
fi
echo "test: building crossaxis and its tests ..." >&2
scripts/build.sh
cd build
ctest --output-on-failure --no-tests=error --parallel "$(nproc)"
