#!/usr/bin/env bash
# Install what is missing, build everything (warnings are errors) and run every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
echo "test: building crossaxis and its tests ..." >&2
scripts/build.sh
cd build
ctest --output-on-failure --no-tests=error --parallel "$(nproc)"
