#!/usr/bin/python3
"""Asks a running otterd for its gRPC health (grpc.health.v1.Health/Check) with the stock python3-grpcio.

The request is the empty HealthCheckRequest; the answer's field 1 is the serving status (1 = SERVING).
Exits 0 when otterd reports SERVING, 1 otherwise, printing what it saw.
"""
import sys

import grpc


def main():
    if len(sys.argv) != 3:
        print("usage: health_check.py HOST:PORT CA.pem", file=sys.stderr)
        return 2
    address, ca_path = sys.argv[1], sys.argv[2]
    with open(ca_path, "rb") as f:
        credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
    with grpc.secure_channel(address, credentials) as channel:
        check = channel.unary_unary("/grpc.health.v1.Health/Check")
        try:
            answer = check(b"", timeout=10)
        except grpc.RpcError as error:
            print(f"health check failed: {error.code().name}: {error.details()}")
            return 1
    serving = answer == b"\x08\x01"
    print("SERVING" if serving else f"not serving: {answer!r}")
    return 0 if serving else 1


if __name__ == "__main__":
    sys.exit(main())
