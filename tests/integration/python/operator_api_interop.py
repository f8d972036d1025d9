#!/usr/bin/env python3
"""The operator API from another language: Python (Debian's python3-grpcio) against a real otterd.

  operator_api_interop.py --protoc P --plugin G --proto-root R

Generates Python messages and gRPC stubs from grpc-protos/otter/v1 with protoc and grpc_python_plugin into a
temporary directory (no server reflection), creates an otterd data directory, adds a viewer with
`otterd user add`, provisions devices from a CSV file with `otterd device provision`, starts the otterd named
by the OTTERD environment variable on 127.0.0.1:0, connects with TLS pinned to the data directory's CA, and
calls WhoAmI, ListReleases, ListDevices and SyncService.GetChanges, checking that the provisioned devices come
back. otterd is stopped with SIGTERM and must exit cleanly.

Prints one TAP line per check and ends with "PASS: ..." or "FAIL: ..."; the exit status is 0 only when every
check passed.
"""

import argparse
import glob
import importlib
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

DEVICES = [f"py-{i:03d}" for i in range(7)]
CALL_TIMEOUT = 30


class Checks:
    def __init__(self):
        self.count = 0
        self.failures = []

    def check(self, condition, description, detail=""):
        self.count += 1
        if condition:
            print(f"ok {self.count} - {description}", flush=True)
        else:
            self.failures.append(description)
            print(f"not ok {self.count} - {description}" + (f": {detail}" if detail else ""), flush=True)
        return condition


def generate_stubs(opts, out):
    files = sorted(glob.glob(os.path.join(opts.proto_root, "otter", "v1", "*.proto")))
    result = subprocess.run([opts.protoc, f"-I{opts.proto_root}", f"--python_out={out}",
                             f"--grpc_python_out={out}", f"--plugin=protoc-gen-grpc_python={opts.plugin}", *files],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"protoc failed: {result.stderr.strip()}")
    sys.path.insert(0, out)


def otterd_admin(otterd, data_dir, *args):
    result = subprocess.run([otterd, *args, "--data-dir", data_dir], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"otterd {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


class RunningOtterd:
    """otterd serving on a free loopback port. Its output is read on a thread from the start, so the pipe never
    fills and the "serving ... on ADDR" line is awaited with a deadline."""

    def __init__(self, otterd, data_dir):
        self.process = subprocess.Popen([otterd, "--data-dir", data_dir, "--listen", "127.0.0.1:0"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.output = []
        self.lines = queue.Queue()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()
        self.address = None
        deadline = time.monotonic() + 60
        serving = re.compile(r"serving .* on (\S+)")
        while self.address is None:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:  # end of output or deadline
                self.stop()
                raise RuntimeError("otterd did not start:\n" + "".join(self.output))
            match = serving.search(line)
            if match:
                self.address = match.group(1)

    def _drain(self):
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self.reader.join(timeout=5)
        return code


def run(opts, checks):
    import grpc  # Debian's python3-grpcio

    otterd = os.environ.get("OTTERD")
    if not otterd or not os.access(otterd, os.X_OK):
        raise RuntimeError("set OTTERD to the otterd executable")
    with tempfile.TemporaryDirectory(prefix="otter-py-") as scratch:
        os.makedirs(os.path.join(scratch, "gen"))
        generate_stubs(opts, os.path.join(scratch, "gen"))
        v1 = {name: importlib.import_module(f"otter.v1.{name}") for name in
              ("identity_pb2", "identity_pb2_grpc", "releases_pb2", "releases_pb2_grpc", "devices_pb2",
               "devices_pb2_grpc", "sync_pb2", "sync_pb2_grpc", "common_pb2")}

        data_dir = os.path.join(scratch, "data")
        token = otterd_admin(otterd, data_dir, "user", "add", "pia", "--role", "viewer").strip()
        checks.check(token != "", "otterd user add prints a token")
        csv_path = os.path.join(scratch, "devices.csv")
        with open(csv_path, "w", encoding="utf-8") as csv:
            csv.write("id,hardware_class,region,labels\n")
            for device in DEVICES:
                csv.write(f"{device},gw-py,eu-south,lang=python;ring=interop\n")
        credentials = otterd_admin(otterd, data_dir, "device", "provision", "--csv", csv_path)
        checks.check(all(f"\n{d}," in "\n" + credentials for d in DEVICES), "otterd device provision issues credentials")

        server = RunningOtterd(otterd, data_dir)
        try:
            with open(os.path.join(data_dir, "tls", "ca.pem"), "rb") as ca:
                channel_credentials = grpc.ssl_channel_credentials(root_certificates=ca.read())
            with grpc.secure_channel(server.address, channel_credentials) as channel:
                metadata = [("authorization", f"Bearer {token}")]

                identity = v1["identity_pb2_grpc"].IdentityServiceStub(channel)
                me = identity.WhoAmI(v1["identity_pb2"].WhoAmIRequest(), metadata=metadata, timeout=CALL_TIMEOUT)
                checks.check(me.operator_name == "pia" and me.role == v1["common_pb2"].ROLE_VIEWER,
                             "WhoAmI names the viewer", f"{me.operator_name} {me.role}")
                max_page = me.limits.max_page_size
                checks.check(max_page > 0, "WhoAmI reports the page-size limit")

                releases = v1["releases_pb2_grpc"].ReleaseServiceStub(channel)
                listed = releases.ListReleases(v1["releases_pb2"].ListReleasesRequest(page_size=50),
                                               metadata=metadata, timeout=CALL_TIMEOUT)
                checks.check(len(listed.releases) == 0 and listed.next_page_token == "",
                             "ListReleases answers: no releases on a new server", str(listed))

                inventory = v1["devices_pb2_grpc"].DeviceInventoryServiceStub(channel)
                devices, page_token, pages = [], "", 0
                while True:
                    page = inventory.ListDevices(
                        v1["devices_pb2"].ListDevicesRequest(page_size=3, page_token=page_token),
                        metadata=metadata, timeout=CALL_TIMEOUT)
                    pages += 1
                    devices += list(page.devices)
                    page_token = page.next_page_token
                    if not page_token or pages > 20:
                        break
                ids = [device.id for device in devices]
                checks.check(sorted(ids) == DEVICES, "ListDevices pages through the provisioned devices", str(ids))
                checks.check(pages >= 3, "ListDevices used keyset pages", f"{pages} pages")
                checks.check(all(d.hardware_class == "gw-py" and d.region == "eu-south" and
                                 dict(d.labels) == {"lang": "python", "ring": "interop"} for d in devices),
                             "ListDevices returns class, region and labels as provisioned")

                sync = v1["sync_pb2_grpc"].SyncServiceStub(channel)
                changes = sync.GetChanges(v1["sync_pb2"].GetChangesRequest(since_revision=0, page_size=max_page),
                                          metadata=metadata, timeout=CALL_TIMEOUT)
                checks.check(sorted(d.id for d in changes.devices) == DEVICES and changes.next_page_token == "",
                             "GetChanges from revision 0 returns every device",
                             str([d.id for d in changes.devices]))
                checks.check(changes.current_revision > 0 and
                             all(0 < d.revision <= changes.current_revision for d in changes.devices),
                             "GetChanges revisions are consistent with current_revision")
                actions = [entry.action for entry in changes.audit_entries]
                checks.check("device.provision" in actions and "operator.add" in actions,
                             "GetChanges carries the audit entries", str(actions))

                try:
                    inventory.ListDevices(v1["devices_pb2"].ListDevicesRequest(), timeout=CALL_TIMEOUT)
                    checks.check(False, "a call without a token is refused", "it was answered")
                except grpc.RpcError as error:
                    checks.check(error.code() == grpc.StatusCode.UNAUTHENTICATED,
                                 "a call without a token is refused with UNAUTHENTICATED", str(error.code()))
        finally:
            code = server.stop()
        checks.check(code == 0, "otterd stops cleanly on SIGTERM", f"exit {code}\n" + "".join(server.output))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protoc", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--proto-root", required=True)
    opts = parser.parse_args()
    checks = Checks()
    try:
        run(opts, checks)
    except Exception as error:  # a broken setup or an unexpected RPC error is a failure, said plainly
        checks.check(False, "the interop run completed", f"{type(error).__name__}: {error}")
    print(f"1..{checks.count}")
    if checks.failures:
        print(f"FAIL: {len(checks.failures)} of {checks.count} checks failed: {'; '.join(checks.failures)}")
        return 1
    print(f"PASS: all {checks.count} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
