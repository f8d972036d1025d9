#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Otter and runs every test (unit, integration, fuzz, benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
# Headless: GUI tests render offscreen; nothing needs a display.
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "${OTTER_BUILD_DIR:-build}" --output-on-failure -j "${OTTER_JOBS:-2}" "$@"
