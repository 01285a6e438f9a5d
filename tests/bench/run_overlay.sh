#!/usr/bin/env bash
# Times `crossaxis overlay` on the synthetic city (all roads against all land use), as a whole
# process with GNU time: median wall time of RUNS runs and the peak resident memory.
#
#   tests/bench/run_overlay.sh [S|M|L] [RUNS]      (default M, 3 runs)
#
# Builds crossaxis and the generator in build-bench/ (Release), generates the city once into
# build-bench/data/ and keeps it. PostGIS and GeoPandas are timed on the same data only where
# they are installed (neither is installed by this script).
set -euo pipefail
cd "$(dirname "$0")/../.."

size=${1:-M}
runs=${2:-3}
case "$size" in S|M|L) ;; *) echo "usage: $0 [S|M|L] [RUNS]" >&2; exit 2 ;; esac

source tests/bench/prepare_city.sh
parcels=$(ogrinfo -so "$city" land_use | sed -n 's/^Feature Count: //p')
segments=$(ogrinfo -so "$city" roads | sed -n 's/^Feature Count: //p')
echo "city $size: $parcels parcels, $segments road segments; $(nproc) cores; $(date -u +%F)"

walls=()
for i in $(seq "$runs"); do
  out=$data/overlay_$size.gpkg
  /usr/bin/time -f "%e %M" -o "$data/time.txt" build-bench/engine/cli/crossaxis overlay -q \
    --roads "$city" --roads-layer roads --land-use "$city" --land-use-layer land_use \
    -o "$out" > "$data/summary_$size.txt"
  read -r wall peak_kb < "$data/time.txt"
  walls+=("$wall")
  echo "  run $i: wall ${wall} s, peak $((peak_kb / 1024)) MiB"
done
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "crossaxis overlay $size: median wall ${median} s over $runs runs"
grep -E "^ +total" "$data/summary_$size.txt" | sed 's/^/  dissolved right-of-way /'

# PostGIS on the same data, where it is installed: time, ratio, and the per-class areas compared
# to 0.01 m² (per road for every size; dissolved too for S).
if [ -f /usr/share/postgresql/15/extension/postgis.control ]; then
  what=per-road
  [ "$size" = S ] && what=both
  tests/bench/postgis_overlay.sh "$city" "$what" "$runs" 2>/dev/null | tee "$data/postgis_$size.txt"
  pg_seconds=$(sed -n 's/^PostGIS per-road.*: \([0-9.]*\) s$/\1/p' "$data/postgis_$size.txt")
  echo "ratio PostGIS per-road / crossaxis (everything, incl. writing): $(echo "scale=2; $pg_seconds / $median" | bc)"
  compare() {  # label, our SQL, PostGIS result file
    sqlite3 "$data/overlay_$size.gpkg" "$2" | tr '|' ' ' > "$data/ours.txt"
    if diff -q "$data/ours.txt" "$3" >/dev/null; then
      echo "  $1 by class: identical to PostGIS to 0.01 m²"
    else
      echo "  $1 by class: DIFFERENT from PostGIS (see $data/ours.txt and $3)"
    fi
  }
  compare "per-road take" "SELECT code, printf('%.2f', SUM(area_m2)) FROM land_take GROUP BY code ORDER BY code" \
    build-bench/pg/per_road.txt
  if [ "$size" = S ]; then
    compare "dissolved take" "SELECT code, printf('%.2f', area_m2) FROM land_take_by_class WHERE scope = 'existing_roads' AND level = '2' ORDER BY code" \
      build-bench/pg/dissolved.txt
  fi
else
  echo "PostGIS: not installed here, not timed (apt-get install postgresql-15-postgis-3)"
fi
# GeoPandas on the same data, where it is installed (python3-geopandas python3-rtree): its
# whole run (reading and overlay; it has no other way to get the data in), the ratio, and its
# per-class areas compared with ours. At L it needs far more memory and time than the others,
# so it runs there only when asked (CX_BENCH_GEOPANDAS_L=1).
if /usr/bin/python3 -c "import geopandas, rtree" 2>/dev/null; then
  if [ "$size" = L ] && [ "${CX_BENCH_GEOPANDAS_L:-0}" != 1 ]; then
    echo "GeoPandas: skipped at L (set CX_BENCH_GEOPANDAS_L=1 to run it)"
  else
    tests/bench/geopandas_overlay.py "$city" "$data/geopandas_$size.txt" | tee "$data/geopandas_times_$size.txt"
    gp_seconds=$(awk -F': ' '/^GeoPandas/ {sub(/ s$/, "", $2); t += $2} END {print t}' "$data/geopandas_times_$size.txt")
    echo "ratio GeoPandas (reading + overlay, ${gp_seconds} s) / crossaxis: $(echo "scale=2; $gp_seconds / $median" | bc)"
    sqlite3 "$data/overlay_$size.gpkg" "SELECT code, printf('%.2f', SUM(area_m2)) FROM land_take GROUP BY code ORDER BY code" | tr '|' ' ' > "$data/ours.txt"
    if diff -q "$data/ours.txt" "$data/geopandas_$size.txt" >/dev/null; then
      echo "  per-road take by class: identical to GeoPandas to 0.01 m²"
    else
      echo "  per-road take by class: DIFFERENT from GeoPandas (see $data/ours.txt and $data/geopandas_$size.txt)"
    fi
  fi
else
  echo "GeoPandas: not installed here, not timed (apt-get install python3-geopandas python3-rtree)"
fi
