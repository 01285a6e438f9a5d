#!/usr/bin/env bash
# Runs every scenario in scripts/scenarios/ (the baseline first) and diffs each against the
# baseline into out/diff/<scenario>-vs-baseline.gpkg (styled for QGIS) and .md (a report).
#
#   scripts/run_all.sh            (builds crossaxis first if it is not built)
#
# Exit code 0 when every run and diff worked (scenarios differing from the baseline is the
# point, not an error), else the first failure's.
set -euo pipefail
cd "$(dirname "$0")/.."

crossaxis=${CROSSAXIS:-build/engine/cli/crossaxis}
[ -x "$crossaxis" ] || scripts/build.sh --target crossaxis

scenarios=(scripts/scenarios/baseline.toml)
for f in scripts/scenarios/*.toml; do
  [ "$f" = scripts/scenarios/baseline.toml ] || scenarios+=("$f")
done
# Each scenario's output is where its file says (`output`, else out/<name>.gpkg), which need
# not be out/<file name>.gpkg: take the paths from the run's own "== title -> path" lines.
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
"$crossaxis" run "${scenarios[@]}" | tee "$summary"
mapfile -t outputs < <(sed -n 's/^== .* -> \(.*\)$/\1/p' "$summary")
if [ "${#outputs[@]}" -ne "${#scenarios[@]}" ]; then
  echo "run_all: expected ${#scenarios[@]} outputs from the run, found ${#outputs[@]}" >&2
  exit 3
fi

mkdir -p out/diff
for output in "${outputs[@]:1}"; do
  name=$(basename "$output" .gpkg)
  status=0
  "$crossaxis" diff -q "${outputs[0]}" "$output" \
    -o "out/diff/$name-vs-baseline.gpkg" --report "out/diff/$name-vs-baseline.md" || status=$?
  if [ "$status" -gt 1 ]; then exit "$status"; fi  # 1 only says "different"
  echo "diff: out/diff/$name-vs-baseline.gpkg and .md"
done
