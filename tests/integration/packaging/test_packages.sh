#!/usr/bin/env bash
# Builds the Debian packages with CPack, checks their control data with dpkg-deb and apt, unpacks them into a
# throw-away root, runs every packaged binary's --version, verifies the otterd unit with systemd-analyze and the
# desktop files with their validators, and starts the packaged otterd until its gRPC health check says SERVING.
# Usage: test_packages.sh BUILD_DIR VERSION BINARY...
set -euo pipefail

build_dir=$1
version=$2
shift 2
binaries=("$@")

work=$(mktemp -d)
otterd_pid=
cleanup() {
  if [ -n "$otterd_pid" ]; then kill "$otterd_pid" 2>/dev/null || true; wait "$otterd_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/packages" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack could not build the packages"; }

root="$work/root"
for binary in "${binaries[@]}"; do
  deb="$work/packages/${binary}_${version}_$(dpkg --print-architecture).deb"
  [ -f "$deb" ] || fail "no package for $binary (looked for $deb)"
  package=$(dpkg-deb -f "$deb" Package)
  [ "$package" = "$binary" ] || fail "$deb names itself '$package'"
  [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "$deb has version $(dpkg-deb -f "$deb" Version)"
  depends=$(dpkg-deb -f "$deb" Depends)
  [[ "$depends" == *libc6* ]] || fail "$package declares no shared-library dependencies: '$depends'"
  # apt resolves the declared dependencies against this machine's package lists without installing anything.
  apt-get install --simulate -q "$deb" >"$work/apt-$package.log" 2>&1 ||
    { cat "$work/apt-$package.log"; fail "apt cannot install $package"; }
  dpkg-deb -x "$deb" "$root"
  out=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/$binary" --version 2>&1) || fail "$binary --version failed: $out"
  [[ "$out" == *"$version"* ]] || fail "$binary --version printed '$out', not $version"
  echo "ok: $package $version installs and runs ($out)"
done

# otterd: its own user, a state directory under /var/lib, configuration under /etc, a unit systemd accepts.
deb="$work/packages/otterd_${version}_$(dpkg --print-architecture).deb"
[[ "$(dpkg-deb -f "$deb" Depends)" == *adduser* ]] || fail "otterd does not depend on adduser (its postinst needs it)"
dpkg-deb --ctrl-tarfile "$deb" | tar -x -O ./conffiles | grep -qx /etc/otter/otterd.conf ||
  fail "/etc/otter/otterd.conf is not a conffile: an upgrade would overwrite the administrator's settings"
unit="$root/lib/systemd/system/otterd.service"
grep -qx 'User=otter' "$unit" || fail "otterd.service does not run as the otter user"
grep -qx 'StateDirectory=otter' "$unit" || fail "otterd.service does not own /var/lib/otter"
# The throw-away root gets this machine's own units (targets the unit names) beside the packaged one.
cp -a --no-clobber /lib/systemd/system/. "$root/lib/systemd/system/"
systemd-analyze verify --root="$root" /lib/systemd/system/otterd.service >"$work/verify.log" 2>&1 ||
  { cat "$work/verify.log"; fail "systemd-analyze verify rejected otterd.service"; }
if [ -s "$work/verify.log" ]; then cat "$work/verify.log"; fail "systemd-analyze verify warned about otterd.service"; fi
echo "ok: systemd-analyze verify accepts otterd.service"

if [ -f "$root/usr/share/applications/otter-console.desktop" ]; then
  desktop-file-validate "$root/usr/share/applications/otter-console.desktop" || fail "desktop entry invalid"
  appstreamcli validate --no-net "$root/usr/share/metainfo/io.otter.Console.metainfo.xml" ||
    fail "AppStream metadata invalid"
  [ -f "$root/usr/share/icons/hicolor/scalable/apps/io.otter.Console.svg" ] || fail "console icon missing"
  echo "ok: desktop entry, AppStream metadata and icon"
fi

# The packaged otterd with the packaged configuration file serves and answers its health check.
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$root/usr/bin/otterd" serve --config "$root/etc/otter/otterd.conf" --data-dir "$work/data" \
  --listen "127.0.0.1:$port" >"$work/otterd.log" 2>&1 &
otterd_pid=$!
health="$(dirname "$0")/health_check.py"
for _ in $(seq 1 150); do
  if [ -f "$work/data/tls/ca.pem" ] && /usr/bin/python3 "$health" "127.0.0.1:$port" "$work/data/tls/ca.pem" \
    >"$work/health.log" 2>&1; then
    break
  fi
  kill -0 "$otterd_pid" 2>/dev/null || { cat "$work/otterd.log"; fail "the packaged otterd exited"; }
  sleep 0.2
done
grep -qx SERVING "$work/health.log" || { cat "$work/health.log" "$work/otterd.log"; fail "otterd never became healthy"; }
kill -TERM "$otterd_pid"
status=0
wait "$otterd_pid" || status=$?
otterd_pid=
[ "$status" -eq 0 ] || { cat "$work/otterd.log"; fail "otterd exited with $status on SIGTERM"; }
echo "ok: packaged otterd served, reported SERVING and stopped cleanly"
