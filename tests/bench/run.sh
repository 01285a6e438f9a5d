#!/usr/bin/env bash
# The whole benchmark at one size, every tool in the same run so that all meet the same machine:
#   1. the I/O floor: every land-use and road feature read through GDAL (gdal_scan, and the
#      same reads from Python: gdal_scan.py), and the same layers listed by ogrinfo -al;
#   2. the overlay: crossaxis beside PostGIS and GeoPandas, areas by class compared
#      (run_overlay.sh); and what GDAL needs to copy the overlay's output tables (ogr2ogr);
#      and the overlay of a 4 x 4 km district's roads on the whole city's land use, and the
#      whole overlay with the land use read in chunks (--memory-limit);
#   3. connectivity: crossaxis's steps beside igraph, their checksums compared (run_network.sh);
#   4. a full scenario (land use, roads, 200 zones, a river and its corridor): `crossaxis run`;
#   5. `crossaxis validate` on the land use (every feature checked, one at a time);
# then the ratios the performance targets are stated in.
#
#   tests/bench/run.sh [S|M|L] [RUNS]      (default M, 3 runs; medians are reported)
#
# Peers are timed only where installed (see run_overlay.sh and run_network.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

size=${1:-M}
runs=${2:-3}
case "$size" in S|M|L) ;; *) echo "usage: $0 [S|M|L] [RUNS]" >&2; exit 2 ;; esac
source tests/bench/prepare_city.sh
report=$data/report_$size.txt

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Median wall time (s) and the peak memory (MiB) of the last of RUNS runs of a command.
time_runs() {
  local walls=() wall peak_kb
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$data/time.txt" "$@" > /dev/null
    read -r wall peak_kb < "$data/time.txt"
    walls+=("$wall")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $((peak_kb / 1024))"
}

echo "== 1. I/O floor: GDAL reads every land-use and road feature"
read -r floor floor_mib < <(time_runs build-bench/tests/bench/gdal_scan "$city" land_use roads)
echo "gdal_scan $size: median ${floor} s, peak ${floor_mib} MiB"
# The same layers listed in full by GDAL's own ogrinfo (every feature as text, geometry as WKT):
# the scan most users would type. The floor above is the strict one, reading without printing.
read -r listing _ < <(time_runs ogrinfo -ro -q -al "$city" land_use roads)
echo "ogrinfo -al $size: median ${listing} s"
# The same reads as gdal_scan through GDAL's Python bindings (python3-gdal), as a GDAL scan is
# usually scripted: the issue's figure for its full GDAL scan of M (0.75 s) is this one.
py_floor=""
if /usr/bin/python3 -c "from osgeo import ogr" 2>/dev/null; then
  read -r py_floor _ < <(time_runs /usr/bin/python3 tests/bench/gdal_scan.py "$city" land_use roads)
  echo "gdal_scan.py $size: median ${py_floor} s"
else
  echo "gdal_scan.py: GDAL's Python bindings not installed here, not timed (apt-get install python3-gdal)"
fi

echo "== 2. overlay"
tests/bench/run_overlay.sh "$size" "$runs" | tee "$data/overlay_report_$size.txt"
overlay=$(sed -n "s/^crossaxis overlay $size: median wall \([0-9.]*\) s.*/\1/p" "$data/overlay_report_$size.txt")
postgis=$(sed -n 's/^PostGIS per-road.*: \([0-9.]*\) s$/\1/p' "$data/postgis_$size.txt" 2>/dev/null || true)

# What GDAL itself needs to write what the overlay writes: its feature tables (the land-take
# pieces and the rights-of-way) copied by ogr2ogr into a new GeoPackage. The floor above only
# reads; this shows how much of the overlay's time any GDAL-based tool would spend on output.
copy=$data/gdal_copy_$size.gpkg
read -r out_copy _ < <(time_runs bash -c 'rm -f "$1" && ogr2ogr -f GPKG "$1" "$2" land_take row' _ "$copy" "$data/overlay_$size.gpkg")
rm -f "$copy"
echo "ogr2ogr copying the overlay's output tables $size: median ${out_copy} s"

# A district's roads (the 4 x 4 km square in the middle of the city) against the whole city's
# land use: what a district's planners run on a city's or province's survey. Only the parcels
# within reach of the district's roads are read.
district=$data/district_roads_$size.gpkg
[ "$district" -nt "$city" ] || { rm -f "$district"; ogr2ogr -f GPKG -spat 408000 3888000 412000 3892000 "$district" "$city" roads; }
read -r district_s district_mib < <(time_runs build-bench/engine/cli/crossaxis overlay -q \
  --roads "$district" --roads-layer roads --land-use "$city" --land-use-layer land_use \
  -o "$data/district_overlay_$size.gpkg")
echo "crossaxis overlay, a 4 x 4 km district's roads on the whole city $size: median ${district_s} s, peak ${district_mib} MiB"

# The whole overlay again with the land use read in about 10 FID chunks (--memory-limit at
# ~1 KB a parcel, a quarter of it for a chunk): time and peak beside the whole read above, and
# its land take must be the same rows.
case "$size" in S) limit=4 ;; M) limit=40 ;; L) limit=400 ;; esac
read -r chunked_s chunked_mib < <(time_runs build-bench/engine/cli/crossaxis overlay -q \
  --roads "$city" --roads-layer roads --land-use "$city" --land-use-layer land_use \
  --memory-limit "$limit" -o "$data/chunked_overlay_$size.gpkg")
takes() { sqlite3 "$1" "SELECT * FROM land_take; SELECT * FROM land_take_by_class" | sha256sum; }
[ "$(takes "$data/chunked_overlay_$size.gpkg")" = "$(takes "$data/overlay_$size.gpkg")" ] \
  || { echo "the land take read in chunks differs from the whole read's" >&2; exit 1; }
echo "crossaxis overlay, land use in chunks (--memory-limit $limit) $size: median ${chunked_s} s, peak ${chunked_mib} MiB; land take identical"

echo "== 3. connectivity"
tests/bench/run_network.sh "$size" "$runs" | tee "$data/network_report_$size.txt"
network_ms=$(sed -n 's/^crossaxis all_steps *\([0-9.]*\) ms.*/\1/p' "$data/network_report_$size.txt")
igraph=$(sed -n 's/^igraph total: \([0-9.]*\) s.*/\1/p' "$data/igraph_$size.txt" 2>/dev/null || true)

echo "== 4. full scenario"
scenario=$data/scenario_$size.toml
cat > "$scenario" <<EOF
name = "city_$size"
working_crs = "EPSG:4547"
output = "scenario_$size.gpkg"
[network]
zone_max_snap_m = 2000.0
[layers.land_use]
source = "city_$size.gpkg"
layer = "land_use"
fields = { id = "parcel_id" }
[layers.roads]
source = "city_$size.gpkg"
layer = "roads"
fields = { id = "road_id" }
[layers.zones]
source = "city_$size.gpkg"
layer = "zones"
fields = { id = "zone_id" }
[layers.river_lines]
source = "city_$size.gpkg"
layer = "river_lines"
fields = { id = "river_id" }
[layers.eco_corridor]
source = "city_$size.gpkg"
layer = "eco_corridor"
fields = { id = "corridor_id" }
EOF
read -r full full_mib < <(time_runs build-bench/engine/cli/crossaxis run -q "$scenario")
echo "crossaxis run (full scenario) $size: median ${full} s, peak ${full_mib} MiB"

echo "== 5. validating the land use"
# What a planner runs first on a new survey: every feature checked and each refusal reported.
read -r check check_mib < <(time_runs build-bench/engine/cli/crossaxis validate "$city" --layer land_use)
echo "crossaxis validate (land use) $size: median ${check} s, peak ${check_mib} MiB"

ratio() { if [ -n "$1" ] && [ -n "$2" ]; then echo "scale=2; $1 / $2" | bc | sed "s/^\./0./"; else echo "-"; fi; }
{
  echo "== summary $size ($(nproc) cores, $(date -u +%F), medians of $runs)"
  echo "I/O floor (gdal_scan)            ${floor} s"
  echo "GDAL listing the inputs (ogrinfo -al) ${listing} s"
  echo "the same scan from Python (gdal_scan.py) ${py_floor:--} s"
  echo "crossaxis overlay                ${overlay} s   = $(ratio "$overlay" "$py_floor") x the scan from Python (target at most 3), $(ratio "$overlay" "$floor") x gdal_scan, $(ratio "$overlay" "$listing") x ogrinfo -al"
  echo "GDAL copying the overlay's output ${out_copy} s   (ogr2ogr: land_take and row; crossaxis overlay = $(ratio "$overlay" "$out_copy") x)"
  echo "PostGIS per road                 ${postgis:--} s   = $(ratio "$postgis" "$overlay") x crossaxis (target at least 5)"
  echo "overlay, a district's roads      ${district_s} s, peak ${district_mib} MiB (the whole city's land use as input)"
  echo "overlay, land use in chunks      ${chunked_s} s, peak ${chunked_mib} MiB (--memory-limit $limit)"
  echo "crossaxis connectivity, all steps  ${network_ms} ms"
  echo "igraph, same steps (lower bound) ${igraph:--} s   = $(ratio "${igraph:+$(echo "$igraph * 1000" | bc)}" "$network_ms") x crossaxis (target at least 5)"
  echo "crossaxis run, full scenario     ${full} s, peak ${full_mib} MiB"
  echo "crossaxis validate, land use     ${check} s, peak ${check_mib} MiB"
} | tee "$report"
