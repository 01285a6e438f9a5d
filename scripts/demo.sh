#!/usr/bin/env bash
# The main job on the sample data: install what is missing, build, run the baseline and the
# three proposals, and print per scenario the land take by class and the change in travel time.
# Outputs: out/baseline.gpkg, out/minzhu_south.gpkg, out/shenzhou_west.gpkg, out/shanyang_link.gpkg
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
echo "demo: building crossaxis ..." >&2
scripts/build.sh --target crossaxis

build/engine/cli/crossaxis run \
  scripts/scenarios/baseline.toml \
  scripts/scenarios/minzhu_south.toml \
  scripts/scenarios/shenzhou_west.toml \
  scripts/scenarios/shanyang_link.toml

echo
echo "demo: done. Open the GeoPackages in out/ with QGIS (Layer > Add Layer > Add Vector Layer)."
