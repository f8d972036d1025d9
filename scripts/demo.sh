#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Otter and runs it.
# Today this signs and verifies a sample release with otter-sign; the backend, simulated fleet and console
# join this same command as they land.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
bin=${OTTER_BUILD_DIR:-build}
demo=$(mktemp -d -t otter-demo-XXXXXX)
echo
echo "== Otter demo in $demo"
"$bin/signer/otter-sign" keygen --out "$demo/release-key.pem" --pub "$demo/release-key.pub"
head -c $((8 << 20)) /dev/urandom >"$demo/firmware.bin"
"$bin/signer/otter-sign" sign --key "$demo/release-key.pem" --image "$demo/firmware.bin" \
  --version 1.0.0 --security-version 1 --hardware-class gw-200 --out "$demo/gw-200-1.0.0.otb"
"$bin/signer/otter-sign" inspect "$demo/gw-200-1.0.0.otb"
"$bin/signer/otter-sign" verify --key "$demo/release-key.pub" "$demo/gw-200-1.0.0.otb"
echo "== Standard tools agree:"
(cd "$demo" && mkdir -p unpacked && tar -xf gw-200-1.0.0.otb -C unpacked &&
  openssl dgst -sha256 -verify release-key.pub -signature unpacked/manifest.sig unpacked/manifest.json)
