#!/usr/bin/env bash
# Times the connectivity issue's four steps (graph build, components, 200-zone OD matrix,
# betweenness from 100 sampled sources) on a synthetic city with Google Benchmark, and igraph on
# the same roads in the same run where python3-igraph is installed, then the ratio.
#
#   tests/bench/run_network.sh [S|M|L] [RUNS]      (default M, 5 runs; medians are reported)
#
# Builds in build-bench/ (Release) and generates the city once into build-bench/data/, as
# run_overlay.sh does. Installs nothing beyond the project's own dependencies.
set -euo pipefail
cd "$(dirname "$0")/../.."

size=${1:-M}
runs=${2:-5}
case "$size" in S|M|L) ;; *) echo "usage: $0 [S|M|L] [RUNS]" >&2; exit 2 ;; esac
# Google Benchmark reports medians only over two or more repetitions.
[ "$runs" -ge 2 ] || runs=2

source tests/bench/prepare_city.sh
echo "city $size; $(nproc) cores; $(date -u +%F)"

build-bench/tests/bench/network_steps "$city" --benchmark_repetitions="$runs" \
  --benchmark_report_aggregates_only=true --benchmark_format=csv 2>/dev/null > "$data/network_$size.csv"
head -1 "$data/network_$size.csv" | grep -v '^name' || true  # the graph's size line
# Google Benchmark's CSV: name,iterations,real_time,cpu_time,time_unit,... (times in ms)
median() { grep "^\"$1/real_time_median\"" "$data/network_$size.csv" | cut -d, -f3; }
for step in graph_build components od_matrix_200 betweenness_100 all_four; do
  printf 'crossaxis %-16s %9.1f ms (median of %s)\n' "$step" "$(median $step)" "$runs"
done
ours=$(median all_four)

if /usr/bin/python3 -c 'import igraph' 2>/dev/null; then
  /usr/bin/python3 tests/bench/igraph_network.py "$city" "$runs" | tee "$data/igraph_$size.txt"
  theirs=$(sed -n 's/^igraph total: \([0-9.]*\) s.*/\1/p' "$data/igraph_$size.txt")
  echo "igraph total / crossaxis all four: $(echo "scale=2; $theirs * 1000 / $ours" | bc)"
else
  echo "python3-igraph is not installed: igraph not timed"
fi
