#!/usr/bin/env bash
# Times the connectivity steps (graph build, components, 200-zone OD matrix, nearest zone of
# every junction, betweenness from 100 sampled sources) on a synthetic city with Google
# Benchmark, and igraph on the same roads in the same run where python3-igraph is installed;
# compares the two tools' OD and nearest-zone length sums (to 1e-9 relative), then the ratio.
#
#   tests/bench/run_network.sh [S|M|L] [RUNS]      (default M, 5 rounds; medians are reported)
#
# Each round runs every crossaxis step once and then igraph once, so both meet the same state
# of the machine; the ratio is taken round by round.
#
# Builds in build-bench/ (Release) and generates the city once into build-bench/data/, as
# run_overlay.sh does. Installs nothing beyond the project's own dependencies.
set -euo pipefail
cd "$(dirname "$0")/../.."

size=${1:-M}
runs=${2:-5}
case "$size" in S|M|L) ;; *) echo "usage: $0 [S|M|L] [RUNS]" >&2; exit 2 ;; esac

source tests/bench/prepare_city.sh
echo "city $size; $(nproc) cores; $(date -u +%F)"

# The machine's speed drifts by tens of percent within minutes, so the tools take turns: each
# round times every crossaxis step once, then igraph once, and the ratio is taken round by round
# (the median of those ratios is the figure to quote; the medians of each tool are shown too).
have_igraph=0
/usr/bin/python3 -c 'import igraph' 2>/dev/null && have_igraph=1
steps="graph_build|components|od_matrix_200|nearest_zones_200|betweenness_100|all_steps"
# The OD matrix and betweenness again with a 0.1 m dead end at every 100th junction, as real
# networks have very short links (crossaxis only; igraph is not timed on it).
steps="$steps|od_matrix_200_short_links|betweenness_100_one_thread|betweenness_100_short_links_one_thread"
: > "$data/network_$size.csv"
: > "$data/igraph_rounds_$size.txt"
for round in $(seq "$runs"); do
  build-bench/tests/bench/network_steps "$city" --benchmark_filter="^($steps)/" \
    --benchmark_format=csv 2>/dev/null >> "$data/network_$size.csv"
  if [ "$have_igraph" = 1 ]; then
    /usr/bin/python3 tests/bench/igraph_network.py "$city" 1 >> "$data/igraph_rounds_$size.txt"
  fi
done
grep -v '^"\|^name' "$data/network_$size.csv" | sort -u || true  # the graph's size and checksum lines
# Google Benchmark's CSV: name,iterations,real_time,cpu_time,time_unit,... (times in ms)
times_of() { grep "^\"$1/real_time\"" "$data/network_$size.csv" | cut -d, -f3; }
median_of() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for step in graph_build components od_matrix_200 nearest_zones_200 betweenness_100 all_steps \
            od_matrix_200_short_links betweenness_100_one_thread betweenness_100_short_links_one_thread; do
  printf 'crossaxis %-16s %9.1f ms (median of %s)\n' "$step" "$(times_of $step | median_of)" "$runs"
done
ours=$(times_of all_steps | median_of)

if [ "$have_igraph" = 1 ]; then
  theirs_all=$(sed -n 's/^igraph total: \([0-9.]*\) s.*/\1/p' "$data/igraph_rounds_$size.txt")
  # igraph's per-step medians over the rounds, in the format run.sh reads.
  {
    for step in "graph build" "components" "OD matrix of 200 zones" \
                "nearest zone of every junction (lower bound)" \
                "betweenness from 100 sources (lower bound: the searches alone)"; do
      printf 'igraph %s: %s s\n' "$step" \
        "$(grep -F "igraph $step: " "$data/igraph_rounds_$size.txt" | sed 's/.*: \([0-9.]*\) s$/\1/' | median_of)"
    done
    printf 'igraph total: %s s (median of %s rounds; %s)\n' "$(printf '%s\n' $theirs_all | median_of)" "$runs" \
      "$(sed -n 's/^igraph total: [0-9.]* s (\(.*\), median of 1)$/\1/p' "$data/igraph_rounds_$size.txt" | head -1)"
  } | tee "$data/igraph_$size.txt"
  theirs=$(sed -n 's/^igraph total: \([0-9.]*\) s.*/\1/p' "$data/igraph_$size.txt")
  ratios=$(paste <(times_of all_steps) <(printf '%s\n' $theirs_all) | awk '{printf "%.2f\n", $2 * 1000 / $1}')
  echo "igraph total / crossaxis all steps, round by round: $(echo $ratios)"
  echo "igraph total / crossaxis all steps: $(printf '%s\n' $ratios | median_of) (median of the rounds' ratios;" \
       "of the medians: $(echo "scale=2; $theirs * 1000 / $ours" | bc))"
  sums() { sed -n 's/.*OD sum \([0-9.]*\) m, nearest-zone sum \([0-9.]*\) m.*/\1 \2/p' "$1" | head -1; }
  read -r our_od our_nearest < <(sums "$data/network_$size.csv")
  read -r their_od their_nearest < <(sums "$data/igraph_rounds_$size.txt")
  agree() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * (a > b ? a : b)) }'; }
  for pair in "OD:$our_od:$their_od" "nearest-zone:$our_nearest:$their_nearest"; do
    IFS=: read -r what a b <<< "$pair"
    if agree "$a" "$b"; then echo "  $what length sum: equal to igraph's to 1e-9 ($a m)"
    else echo "  $what length sum: DIFFERENT from igraph's ($a m vs $b m)"; fi
  done
else
  echo "python3-igraph is not installed: igraph not timed"
fi
