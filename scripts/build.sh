#!/usr/bin/env bash
# Configures and builds Otter into build/ (or $OTTER_BUILD_DIR) with Ninja, ccache and clang when present.
# Extra arguments go to the CMake configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${OTTER_BUILD_DIR:-build}
compiler=()
# clang builds the fuzz targets too; g++ builds everything else just as well.
if command -v clang++ >/dev/null && [ ! -f "$build_dir/CMakeCache.txt" ]; then
  compiler=(-DCMAKE_CXX_COMPILER=clang++)
fi
cmake -S . -B "$build_dir" -G Ninja "${compiler[@]}" "$@"
cmake --build "$build_dir" -j "${OTTER_JOBS:-2}"
