#!/usr/bin/env bash
# Installs every Debian 12 package Otter needs to build, test and run its demo.
# Idempotent: packages already present are left alone; `apt-get update` runs at most once per call.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang-format
  # libraries
  qt6-base-dev libqt6opengl6-dev libgl-dev qt6-charts-dev libqt6sql6-sqlite qt6-tools-dev qt6-l10n-tools qtkeychain-qt6-dev
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libssl-dev libsqlite3-dev libarchive-dev libzstd-dev
  # tests and demo: stock tools that check our output, fuzzing, a display
  clang libclang-rt-14-dev python3-grpcio python3-protobuf openssl tar sqlite3 poppler-utils xvfb xauth
  libgl1-mesa-dri fonts-dejavu-core
  # packaging: .deb building (dpkg-shlibdeps) and the checks of the installed files
  dpkg-dev file systemd appstream desktop-file-utils
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
