#!/usr/bin/env bash
# The same overlay in PostGIS, for comparison: buffer every road by half its red-line width
# (flat ends, mitred joins), intersect with land use, sum the area by class; the dissolved take
# too (each m² once). Runs a throw-away PostgreSQL cluster on a Unix socket in build-bench/.
#
#   tests/bench/postgis_overlay.sh CITY.gpkg [per-road|both] [RUNS]
#
# per-road (default) is what most comparisons quote; both adds the dissolved take, which is slow
# in PostGIS beyond the S city (one network-wide ST_Union cut by every parcel). The per-road
# query runs RUNS times (default 1) and its median time is reported: one run of it varied by a
# third between two runs of the benchmark on the same machine.
#
# Needs postgresql-15-postgis-3 (Debian); prints "PostGIS: ... s" lines, nothing else on stdout.
set -euo pipefail
city=$1
what=${2:-per-road}
runs=${3:-1}
root=$(cd "$(dirname "$0")/../.." && pwd)
pgdir=$root/build-bench/pg
bin=/usr/lib/postgresql/15/bin
export PGHOST=$pgdir PGPORT=55432 PGDATABASE=bench

if [ "$(id -u)" -eq 0 ]; then as_pg() { runuser -u postgres -- "$@"; }; else as_pg() { "$@"; }; fi
if [ ! -d "$pgdir/data" ]; then
  mkdir -p "$pgdir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pgdir"
  as_pg "$bin/initdb" -D "$pgdir/data" -A trust -U postgres >/dev/null
fi
as_pg "$bin/pg_ctl" -D "$pgdir/data" -o "-k $pgdir -p $PGPORT -c listen_addresses=''" -l "$pgdir/log" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$pgdir/data" stop -m fast >/dev/null' EXIT
export PGUSER=postgres
psql -XAtq -d postgres -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench"
psql -XAtq -c "CREATE EXTENSION postgis"
ogr2ogr -f PostgreSQL "PG:host=$PGHOST port=$PGPORT dbname=bench user=postgres" "$city" \
  -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST
psql -XAtq -c "VACUUM ANALYZE"

time_sql() {  # SQL: prints wall seconds; the result goes to result.txt
  local start end
  start=$(date +%s.%N)
  psql -XAtq -F ' ' -c "$1" > "$pgdir/result.txt"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
per_road="
  WITH row AS (SELECT ST_Buffer(geom, width_m / 2, 'endcap=flat join=mitre mitre_limit=5') AS g FROM roads)
  SELECT l.code, round(SUM(ST_Area(ST_Intersection(row.g, l.geom)))::numeric, 2)
  FROM row JOIN land_use l ON ST_Intersects(row.g, l.geom) GROUP BY l.code ORDER BY l.code"
seconds=()
for i in $(seq "$runs"); do
  seconds+=("$(time_sql "$per_road")")
  echo "  PostGIS per-road run $i: ${seconds[-1]} s"
done
median=$(printf '%s\n' "${seconds[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "PostGIS per-road overlay (road x parcel, area by class): $median s"
cp "$pgdir/result.txt" "$pgdir/per_road.txt"
[ "$what" = both ] || exit 0
echo "PostGIS dissolved take (ST_Union, then by class): $(time_sql "
  WITH u AS (SELECT (ST_Dump(ST_Union(ST_Buffer(geom, width_m / 2,
                     'endcap=flat join=mitre mitre_limit=5')))).geom AS g FROM roads)
  SELECT l.code, round(SUM(ST_Area(ST_Intersection(u.g, l.geom)))::numeric, 2)
  FROM u JOIN land_use l ON ST_Intersects(u.g, l.geom) GROUP BY l.code ORDER BY l.code") s"
cp "$pgdir/result.txt" "$pgdir/dissolved.txt"
