#!/usr/bin/env bash
# Times the connectivity steps (graph build, components, 200-zone OD matrix, nearest zone of
# every junction, betweenness from 100 sampled sources) on a synthetic city with Google
# Benchmark, and igraph on the same roads in the same run where python3-igraph is installed;
# compares the two tools' OD and nearest-zone length sums (to 1e-9 relative), then the ratio.
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
grep -v '^"\|^name' "$data/network_$size.csv" || true  # the graph's size and checksum lines
# Google Benchmark's CSV: name,iterations,real_time,cpu_time,time_unit,... (times in ms)
median() { grep "^\"$1/real_time_median\"" "$data/network_$size.csv" | cut -d, -f3; }
for step in graph_build components od_matrix_200 nearest_zones_200 betweenness_100 all_steps; do
  printf 'crossaxis %-16s %9.1f ms (median of %s)\n' "$step" "$(median $step)" "$runs"
done
ours=$(median all_steps)

if /usr/bin/python3 -c 'import igraph' 2>/dev/null; then
  /usr/bin/python3 tests/bench/igraph_network.py "$city" "$runs" | tee "$data/igraph_$size.txt"
  theirs=$(sed -n 's/^igraph total: \([0-9.]*\) s.*/\1/p' "$data/igraph_$size.txt")
  echo "igraph total / crossaxis all steps: $(echo "scale=2; $theirs * 1000 / $ours" | bc)"
  sums() { sed -n 's/.*OD sum \([0-9.]*\) m, nearest-zone sum \([0-9.]*\) m.*/\1 \2/p' "$1" | head -1; }
  read -r our_od our_nearest < <(sums "$data/network_$size.csv")
  read -r their_od their_nearest < <(sums "$data/igraph_$size.txt")
  agree() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * (a > b ? a : b)) }'; }
  for pair in "OD:$our_od:$their_od" "nearest-zone:$our_nearest:$their_nearest"; do
    IFS=: read -r what a b <<< "$pair"
    if agree "$a" "$b"; then echo "  $what length sum: equal to igraph's to 1e-9 ($a m)"
    else echo "  $what length sum: DIFFERENT from igraph's ($a m vs $b m)"; fi
  done
else
  echo "python3-igraph is not installed: igraph not timed"
fi
