#!/usr/bin/env bash
# Fuzz one target with libFuzzer (clang 14, ASan + UBSan) for a while.
#   tests/fuzz/run.sh scenario|geometry|diff [SECONDS=300] [extra libFuzzer flags]
# Installs clang if missing, builds build-fuzz/ (CMake preset "fuzz"), starts from the seed
# corpus tests/fuzz/corpus/<target> (copied: new inputs go to build-fuzz/corpus/<target>) and
# stops at the first finding, written to build-fuzz/findings/<target>/. Keep a finding, once
# fixed, in tests/fuzz/regressions/<target>/: the normal test suite replays it.
set -euo pipefail
cd "$(dirname "$0")/../.."

target=${1:?usage: tests/fuzz/run.sh scenario|geometry|diff [SECONDS] [libFuzzer flags]}
seconds=${2:-300}
shift $(( $# < 2 ? $# : 2 ))

scripts/install-deps.sh --fuzz
[ -f build-fuzz/CMakeCache.txt ] || cmake --preset fuzz >/dev/null
cmake --build build-fuzz --parallel "$(nproc)" --target "fuzz_${target}" -- --no-print-directory >/dev/null

corpus=build-fuzz/corpus/${target}
findings=build-fuzz/findings/${target}
mkdir -p "$corpus" "$findings"
cp -n tests/fuzz/corpus/"${target}"/* "$corpus"/ 2>/dev/null || true

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
exec "build-fuzz/tests/fuzz/fuzz_${target}" "$corpus" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
  -artifact_prefix="$findings/" -print_final_stats=1 "$@"
