#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Otter and runs the whole system on this machine:
#   otterd (TLS, embedded SQLite) in a fresh data directory; operators alice (operator), bob (approver) and
#   admin; 2,000 simulated devices (otter-sim) in three regions with a canary ring; two signed releases, one
#   good and one that fails to boot on a third of the devices; groups, an always-open maintenance window; a
#   rollout of the good release approved by bob and started by alice, then one of the bad release to the
#   canary ring, which pauses itself; and the console, connected and signed in as alice.
# Without a display the console runs offscreen and writes screenshots of its pages instead.
# Ctrl-C stops all of it.
#
#   scripts/demo.sh            run until Ctrl-C
#   scripts/demo.sh --check    run headless until both rollouts have played out, then stop (exit 0 on success)
# OTTER_DEMO_SKIP_SETUP=1 skips installing packages and building (the build in $OTTER_BUILD_DIR is used).
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
[ "${1:-}" = --check ] && check=true
if [ "${OTTER_DEMO_SKIP_SETUP:-0}" != 1 ]; then
  scripts/install-deps.sh
  scripts/build.sh
fi
bin=$(realpath "${OTTER_BUILD_DIR:-build}")
demo=$(mktemp -d -t otter-demo-XXXXXX)
data="$demo/otterd"
port=${OTTER_DEMO_PORT:-$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
address="127.0.0.1:$port"
pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "== stopping the demo"
  # Background jobs of a script ignore SIGINT, so every part is asked to stop with SIGTERM.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "   everything stopped; the demo's files stay in $demo"
}
trap stop_all INT TERM EXIT

echo
echo "== Otter demo in $demo"
echo "-- operators (tokens are shown once; otterd keeps only their hashes)"
mkdir -p "$demo/tokens"
for who in alice:operator bob:approver admin:admin; do
  name=${who%%:*} role=${who##*:}
  "$bin/backend/otterd" user add "$name" --role "$role" --data-dir "$data" >"$demo/tokens/$name.token"
  printf '   %-6s %-9s %s\n' "$name" "$role" "$(cat "$demo/tokens/$name.token")"
done

echo "-- provisioning 2,000 devices in three regions, every tenth in the canary ring"
{
  echo "id,hardware_class,region,labels"
  regions=(eu-west us-east ap-south)
  for i in $(seq -w 0 1999); do
    n=$((10#$i))
    ring=$([ $((n % 10)) -eq 0 ] && echo canary || echo main)
    echo "gw-$i,gw-200,${regions[$((n % 3))]},ring=$ring"
  done
} >"$demo/fleet.csv"
"$bin/backend/otterd" device provision --csv "$demo/fleet.csv" --out "$demo/device-credentials.csv" \
  --data-dir "$data"

echo "-- signing two releases: 1.1.0 (good) and 1.2.0 (fails to boot on a third of the devices)"
"$bin/signer/otter-sign" keygen --out "$demo/release-key.pem" --pub "$demo/release-key.pub" >/dev/null
for version in 1.1.0 1.2.0; do
  head -c $((4 << 20)) /dev/urandom >"$demo/firmware-$version.bin"
  "$bin/signer/otter-sign" sign --key "$demo/release-key.pem" --image "$demo/firmware-$version.bin" \
    --version "$version" --security-version 2 --hardware-class gw-200 --out "$demo/gw-200-$version.otb" >/dev/null
  "$bin/signer/otter-sign" verify --key "$demo/release-key.pub" "$demo/gw-200-$version.otb"
done

echo "-- starting otterd on $address"
"$bin/backend/otterd" --data-dir "$data" --listen "$address" --check-in-interval 10 >"$demo/otterd.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  if [ -f "$data/tls/ca.pem" ] &&
    /usr/bin/python3 tests/integration/packaging/health_check.py "$address" "$data/tls/ca.pem" >/dev/null 2>&1; then
    break
  fi
  sleep 0.2
done
grep -m1 -i fingerprint "$demo/otterd.log" | sed 's/^/   /' || true

echo "-- starting 2,000 simulated devices (otter-sim; log in $demo/otter-sim.log)"
"$bin/simulator/otter-sim" run --server "$address" --ca "$data/tls/ca.pem" \
  --provision "$demo/device-credentials.csv" --state "$demo/fleet.sqlite" --trust "$demo/release-key.pub" \
  --version 1.0.0 --svn 1 --boot-fail 1.2.0=0.33 --time-scale 5 --summary-interval 10 \
  >"$demo/otter-sim.log" 2>&1 &
pids+=($!)

echo "-- operators at work: releases, groups, window, rollouts (log in $demo/operators.log)"
/usr/bin/python3 scripts/demo_setup.py --address "$address" --ca "$data/tls/ca.pem" --tokens "$demo/tokens" \
  --key "$demo/release-key.pub" --good "$demo/gw-200-1.1.0.otb" --bad "$demo/gw-200-1.2.0.otb" \
  --proto-root grpc-protos --work "$demo/python" >"$demo/operators.log" 2>&1 &
setup=$!
pids+=($setup)

console_args=(--server "$address" --ca "$data/tls/ca.pem" --token-file "$demo/tokens/alice.token"
  --cache-dir "$demo/console-cache")
if $check || { [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; }; then
  if ! $check; then
    echo "   No display here: the console runs offscreen and saves its pages to $demo/screenshots."
    echo "   For the real window, run this script from a desktop session, or under Xvfb: xvfb-run scripts/demo.sh"
  fi
  QT_QPA_PLATFORM=offscreen "$bin/app/otter-console" "${console_args[@]}" --screenshots "$demo/screenshots" \
    >"$demo/console.log" 2>&1 &
else
  "$bin/app/otter-console" "${console_args[@]}" >"$demo/console.log" 2>&1 &
fi
pids+=($!)
echo "-- the console is connected as alice"
echo
tail -n +1 -f "$demo/operators.log" --pid "$setup" &
pids+=($!)

if $check; then
  status=0
  wait "$setup" || status=$?
  # A last tour of the pages with the finished rollouts in them: every page saved after this point.
  touch "$demo/finished"
  for _ in $(seq 1 120); do
    fresh=$(find "$demo/screenshots" -name 'console-*.png' -newer "$demo/finished" 2>/dev/null | wc -l)
    [ "$fresh" -ge 7 ] && break
    sleep 0.5
  done
  ls "$demo/screenshots" 2>/dev/null | sed 's/^/   screenshot: /'
  if [ "$status" -eq 0 ] && grep -q '^demo: done' "$demo/operators.log"; then
    echo "demo check: the good rollout completed and the bad one paused itself"
    exit 0
  fi
  echo "demo check FAILED; see $demo/*.log" >&2
  exit 1
fi
echo "Press Ctrl-C to stop the demo."
wait "${pids[0]}"
