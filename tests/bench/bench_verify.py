#!/usr/bin/env python3
"""Benchmark: otter-sign verify throughput on a 256 MiB image against `openssl dgst -sha256` on the same
image, measured in the same run. Hashing is the whole cost of verification, so the ratio shows how close
otter-sign comes to the stock tool. Prints figures; asserts nothing about time."""
import os
import subprocess
import sys
import tempfile
import time

MIB = 1 << 20


def best_of(runs, command):
    best = None
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    otter_sign = sys.argv[1]
    size_mib = int(os.environ.get("OTTER_BENCH_IMAGE_MIB", "256"))
    with tempfile.TemporaryDirectory() as work:
        image = os.path.join(work, "image.bin")
        with open(image, "wb") as out:
            block = os.urandom(MIB)
            for i in range(size_mib):
                out.write(block[i % 251:] + block[:i % 251])
        key, pub, bundle = (os.path.join(work, n) for n in ("key.pem", "pub.pem", "r.otb"))
        subprocess.run([otter_sign, "keygen", "--out", key, "--pub", pub], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([otter_sign, "sign", "--key", key, "--image", image, "--version", "1.0.0",
                        "--security-version", "1", "--hardware-class", "bench", "--out", bundle],
                       check=True, stdout=subprocess.DEVNULL)
        # One untimed pass each so both read from the page cache.
        best_of(1, [otter_sign, "verify", "--key", pub, bundle])
        best_of(1, ["openssl", "dgst", "-sha256", image])
        otter = best_of(3, [otter_sign, "verify", "--key", pub, bundle])
        openssl = best_of(3, ["openssl", "dgst", "-sha256", image])
    otter_rate = size_mib / otter
    openssl_rate = size_mib / openssl
    ratio = otter_rate / openssl_rate
    print(f"image size:                  {size_mib} MiB")
    print(f"otter-sign verify:           {otter:.3f} s  {otter_rate:8.1f} MiB/s")
    print(f"openssl dgst -sha256 (base): {openssl:.3f} s  {openssl_rate:8.1f} MiB/s")
    print(f"ratio otter/openssl:         {ratio:.2f}  (target >= 0.80: {'met' if ratio >= 0.8 else 'NOT met'})")


if __name__ == "__main__":
    main()
