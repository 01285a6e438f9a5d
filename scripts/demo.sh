#!/usr/bin/env bash
# The main job on the sample data: install what is missing, build, run the baseline and the
# three proposals, print per scenario the land take by class and the change in travel time, and
# diff each proposal against the baseline.
# Outputs: out/baseline.gpkg, out/minzhu_south.gpkg, out/shenzhou_west.gpkg, out/shanyang_link.gpkg
# and out/diff/<proposal>-vs-baseline.{gpkg,md}
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
echo "demo: building crossaxis ..." >&2
scripts/build.sh --target crossaxis

scripts/run_all.sh

echo
echo "demo: done. Open the GeoPackages in out/ with QGIS (Layer > Add Layer > Add Vector Layer);"
echo "      read out/diff/minzhu_south-vs-baseline.md for what the Minzhu Road extension changes."
