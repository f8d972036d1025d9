#!/usr/bin/env bash
# otter-sign against stock tools: bundles it makes verify with openssl and list with tar, and manifests
# signed by the openssl command line verify with otter-sign. Usage: signer_interop.sh OTTER_SIGN CASE
set -euo pipefail
otter_sign=$1
case_name=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() { # expected-code message-substring command...
  local want=$1 text=$2; shift 2
  set +e; "$@" >out.txt 2>err.txt; local got=$?; set -e
  [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want: $(cat err.txt)"
  grep -qF -- "$text" out.txt err.txt || fail "'$*' did not say '$text': $(cat out.txt err.txt)"
}
make_image() { head -c "$2" /dev/urandom >"$1"; }
json_field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval("d"+sys.argv[2]))' "$@"; }

case "$case_name" in
openssl_verifies_bundle)
  "$otter_sign" keygen --out key.pem --pub pub.pem >/dev/null
  make_image fw.bin 1048577
  "$otter_sign" sign --key key.pem --image fw.bin --version 1.2.3 --security-version 7 \
    --hardware-class gw-200 --out release.otb >/dev/null
  mkdir x && tar -xf release.otb -C x
  openssl dgst -sha256 -verify pub.pem -signature x/manifest.sig x/manifest.json | grep -q "Verified OK" \
    || fail "openssl did not verify the manifest signature"
  [ "$(sha256sum x/image.bin | cut -d' ' -f1)" = "$(json_field x/manifest.json '["image"]["sha256"]')" ] \
    || fail "image.bin SHA-256 differs from the manifest"
  [ "$(stat -c %s x/image.bin)" = "$(json_field x/manifest.json '["image"]["size"]')" ] || fail "size differs"
  cmp -s fw.bin x/image.bin || fail "image.bin is not the input image"
  [ "$(json_field x/manifest.json '["security_version"]')" = 7 ] || fail "security version lost"
  ;;

openssl_signed_manifest_verifies)
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem 2>/dev/null
  openssl pkey -in key.pem -pubout -out pub.pem
  key_id=$(openssl pkey -pubin -in pub.pem -outform DER | sha256sum | cut -d' ' -f1)
  make_image image.bin 65536
  sha=$(sha256sum image.bin | cut -d' ' -f1)
  cat >manifest.json <<JSON
{"format_version": 1, "vendor": "acme", "hardware_classes": ["gw-200"], "version": "3.0.0",
 "security_version": 9, "image": {"size": 65536, "sha256": "$sha"}, "payload_type": "full-image",
 "created": "2026-11-21T10:00:00Z", "key_id": "$key_id"}
JSON
  openssl dgst -sha256 -sign key.pem -out manifest.sig manifest.json
  tar -cf release.otb manifest.json manifest.sig image.bin
  expect_exit 0 "OK release.otb: version 3.0.0, security version 9" "$otter_sign" verify --key pub.pem release.otb
  grep -qF "$key_id" out.txt || fail "verify did not name the signer key $key_id"
  # The key id otter-sign reports is the one the openssl pipeline computes.
  expect_exit 0 "version:     3.0.0" "$otter_sign" inspect release.otb
  grep -qF "$key_id" out.txt || fail "inspect did not show key id $key_id"
  # A manifest edited after openssl signed it (same length, one digit) is refused.
  sed -i 's/"security_version": 9/"security_version": 8/' manifest.json
  tar -cf edited.otb manifest.json manifest.sig image.bin
  expect_exit 1 "signature does not verify" "$otter_sign" verify --key pub.pem edited.otb
  ;;

keygen_key_id_matches_openssl)
  "$otter_sign" keygen --out key.pem --pub pub.pem >out.txt
  want=$(openssl pkey -pubin -in pub.pem -outform DER | sha256sum | cut -d' ' -f1)
  grep -qF "key id $want" out.txt || fail "keygen printed $(cat out.txt), openssl computes $want"
  openssl pkey -in key.pem -noout -text 2>/dev/null | grep -q "prime256v1" || fail "key is not P-256"
  head -1 key.pem | grep -q "BEGIN PRIVATE KEY" || fail "key is not PKCS#8 PEM"
  [ "$(stat -c %a key.pem)" = 600 ] || fail "private key permissions are $(stat -c %a key.pem), not 600"
  expect_exit 2 "already exists" "$otter_sign" keygen --out key.pem
  ;;

tar_lists_bundle)
  "$otter_sign" keygen --out key.pem >/dev/null
  make_image fw.bin 1000
  echo '{"bomFormat":"CycloneDX"}' >sbom.json
  "$otter_sign" sign --key key.pem --image fw.bin --version 0.1.0 --security-version 0 \
    --hardware-class a --hardware-class b --sbom sbom.json --out r.otb >/dev/null
  [ "$(tar -tf r.otb | tr '\n' ' ')" = "manifest.json manifest.sig image.bin sbom.cdx.json " ] \
    || fail "tar lists: $(tar -tf r.otb | tr '\n' ' ')"
  ;;

verify_rejections)
  "$otter_sign" keygen --out key.pem --pub pub.pem >/dev/null
  "$otter_sign" keygen --out other.pem --pub other.pub >/dev/null
  make_image fw.bin 5000
  "$otter_sign" sign --key key.pem --image fw.bin --version 1.0.0 --security-version 1 \
    --hardware-class gw-200 --out r.otb >/dev/null
  expect_exit 0 "OK r.otb" "$otter_sign" verify --key pub.pem r.otb
  expect_exit 1 "which is not trusted" "$otter_sign" verify --key other.pub r.otb
  mkdir x && tar -xf r.otb -C x
  printf 'X' | dd of=x/image.bin bs=1 seek=100 conv=notrunc 2>/dev/null
  tar -cf tampered.otb -C x manifest.json manifest.sig image.bin
  expect_exit 1 "does not match the SHA-256" "$otter_sign" verify --key pub.pem --extract-image out.bin tampered.otb
  [ ! -e out.bin ] || fail "a tampered image was extracted"
  head -c 3000 r.otb >truncated.otb
  expect_exit 1 "truncated" "$otter_sign" verify --key pub.pem truncated.otb
  tar -cf missing.otb -C x manifest.json manifest.sig
  expect_exit 1 "no image.bin" "$otter_sign" verify --key pub.pem missing.otb
  mkdir y && tar -xf r.otb -C y && echo hi >y/extra.txt
  tar -cf extra.otb -C y manifest.json manifest.sig image.bin extra.txt
  expect_exit 1 "unexpected member extra.txt" "$otter_sign" verify --key pub.pem extra.otb
  expect_exit 1 "not a release bundle" "$otter_sign" verify --key pub.pem fw.bin
  expect_exit 2 "usage" "$otter_sign" verify r.otb
  expect_exit 1 "not a PEM public key" "$otter_sign" verify --key fw.bin r.otb
  ;;

cli_usage)
  for c in keygen sign verify inspect audit-verify; do
    expect_exit 0 "--help" "$otter_sign" "$c" --help
  done
  expect_exit 0 "Commands:" "$otter_sign" --help
  expect_exit 2 "unknown command" "$otter_sign" frobnicate
  expect_exit 0 "otter-sign " "$otter_sign" --version
  "$otter_sign" keygen --out key.pem >/dev/null
  make_image fw.bin 10
  expect_exit 2 "--security-version must be a whole number" "$otter_sign" sign --key key.pem --image fw.bin \
    --version 1.0.0 --security-version seven --hardware-class x --out r.otb
  expect_exit 1 "not a semantic version" "$otter_sign" sign --key key.pem --image fw.bin \
    --version 1.0 --security-version 1 --hardware-class x --out r.otb
  expect_exit 2 "--hardware-class is required" "$otter_sign" sign --key key.pem --image fw.bin \
    --version 1.0.0 --security-version 1 --out r.otb
  [ ! -e r.otb ] || fail "a refused sign left a bundle behind"
  ;;

audit_verify_export)
  head=$(python3 "$(dirname "$0")/make_audit_export.py" audit.jsonl 60)
  expect_exit 0 "OK audit.jsonl" "$otter_sign" audit-verify --from-genesis --expect-head "$head" audit.jsonl
  expect_exit 0 "OK -" "$otter_sign" audit-verify - <audit.jsonl
  sed '17s/"actor":"[a-z]*"/"actor":"mallory"/' audit.jsonl >edited.jsonl
  expect_exit 1 "entry 17: hash does not match its contents" "$otter_sign" audit-verify edited.jsonl
  sed '30d' audit.jsonl >gap.jsonl
  expect_exit 1 "entry 31" "$otter_sign" audit-verify gap.jsonl
  head -c 5000 audit.jsonl >cut.jsonl
  expect_exit 1 "truncated" "$otter_sign" audit-verify cut.jsonl
  expect_exit 1 "BROKEN" "$otter_sign" audit-verify --expect-head "$(printf '0%.0s' {1..64})" audit.jsonl
  ;;

*) fail "unknown case $case_name" ;;
esac
echo "PASS: $case_name"
