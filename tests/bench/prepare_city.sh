# Sourced by the run_*.sh benchmarks (from the project root): installs what they need, builds
# build-bench/ (Release, with the benchmark programs) and generates the synthetic city of size
# $size once into build-bench/data/, where it is kept. Sets $data and $city.
scripts/install-deps.sh --bench
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DCX_BUILD_TESTS=OFF -DCX_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build-bench --parallel "$(nproc)" -- --no-print-directory >/dev/null

data=build-bench/data
mkdir -p "$data"
city=$data/city_$size.gpkg
# A city from before the generator wrote zones, a river and its corridor is made anew.
if [ -f "$city" ] && ! ogrinfo -so -q "$city" zones >/dev/null 2>&1; then rm -f "$city"; fi
if [ ! -f "$city" ]; then
  echo "bench: generating the $size city ..." >&2
  build-bench/tests/bench/make_synthetic_city "$size" "$data/partial_$size.gpkg"
  mv "$data/partial_$size.gpkg" "$city"
fi
