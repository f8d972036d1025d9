#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Otter and runs it: otterd (TLS, embedded SQLite) in a fresh data
# directory with operator accounts and provisioned devices, and a signed sample release verified with both
# otter-sign and openssl. The simulated fleet and the console join this same command as they land.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
bin=${OTTER_BUILD_DIR:-build}
demo=$(mktemp -d -t otter-demo-XXXXXX)
data="$demo/otterd"
port=${OTTER_DEMO_PORT:-7443}

echo
echo "== Otter demo in $demo"
echo "-- operators (tokens are shown once; the server keeps only their hashes)"
for who in alice:operator bob:approver admin:admin; do
  name=${who%%:*} role=${who##*:}
  token=$("$bin/backend/otterd" user add "$name" --role "$role" --data-dir "$data")
  printf '   %-6s %-9s %s\n' "$name" "$role" "$token" | tee -a "$demo/operators.txt"
done
echo "-- provisioning 1000 devices"
{
  echo "id,hardware_class,region,labels"
  for i in $(seq -w 0 999); do
    region=$([ $((10#$i % 2)) -eq 0 ] && echo eu-west || echo us-east)
    ring=$([ $((10#$i % 10)) -eq 0 ] && echo canary || echo main)
    echo "gw-$i,gw-200,$region,ring=$ring"
  done
} >"$demo/fleet.csv"
"$bin/backend/otterd" device provision --csv "$demo/fleet.csv" --out "$demo/device-credentials.csv" --data-dir "$data"

echo "-- signing a release"
"$bin/signer/otter-sign" keygen --out "$demo/release-key.pem" --pub "$demo/release-key.pub"
head -c $((8 << 20)) /dev/urandom >"$demo/firmware.bin"
"$bin/signer/otter-sign" sign --key "$demo/release-key.pem" --image "$demo/firmware.bin" \
  --version 1.0.0 --security-version 1 --hardware-class gw-200 --out "$demo/gw-200-1.0.0.otb"
"$bin/signer/otter-sign" verify --key "$demo/release-key.pub" "$demo/gw-200-1.0.0.otb"
(cd "$demo" && mkdir -p unpacked && tar -xf gw-200-1.0.0.otb -C unpacked &&
  openssl dgst -sha256 -verify release-key.pub -signature unpacked/manifest.sig unpacked/manifest.json)

echo "-- starting otterd on 127.0.0.1:$port (Ctrl-C stops it)"
"$bin/backend/otterd" --data-dir "$data" --listen "127.0.0.1:$port" &
otterd=$!
trap 'kill -TERM $otterd 2>/dev/null; wait $otterd 2>/dev/null' INT TERM EXIT
wait $otterd
