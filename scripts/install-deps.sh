#!/usr/bin/env bash
# Install the Debian packages crossaxis needs to build, test and run its demo.
# Idempotent: checks each package first and is quiet when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libgdal-dev gdal-bin python3-gdal   # GDAL/OGR (+ ogrinfo, and python bindings for the sample-data generator)
  libgeos-dev                         # GEOS reentrant C API
  libproj-dev proj-bin                # PROJ (+ cs2cs, an independent reprojection oracle in tests)
  libboost-dev                        # Boost.Geometry (header-only)
  libtomlplusplus-dev                 # scenario files
  libcli11-dev                        # command line
  libfmt-dev                          # formatting
  libgtest-dev googletest             # tests
  libsqlite3-dev                      # the GeoPackage writer
  libssl-dev                          # SHA-256 of the inputs (OpenSSL's libcrypto)
  libmimalloc-dev                     # the allocator the crossaxis program is linked with
  sqlite3                             # inspecting GeoPackages in tests
)
# The benchmarks in tests/bench (run by hand, not by scripts/test.sh) also need Google Benchmark.
if [ "${1:-}" = "--bench" ]; then packages+=(libbenchmark-dev); fi
# The fuzz targets in tests/fuzz (run by hand with tests/fuzz/run.sh) need clang and its libFuzzer.
if [ "${1:-}" = "--fuzz" ]; then packages+=(clang-14 libclang-rt-14-dev); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
