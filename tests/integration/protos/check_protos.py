#!/usr/bin/env python3
"""Checks the Otter v1 gRPC contract from Python (python3-grpcio, python3-protobuf).

  check_protos.py stubs --protoc P --plugin G --proto-root R --out DIR
      Generates Python messages and gRPC stubs, imports every module, checks that every service exposes
      exactly the expected RPCs with the expected streaming shape, and calls one unary, one client-streamed
      and one server-streamed RPC through an in-process server on a loopback port.

  check_protos.py lint --protoc P --proto-root R --out DIR
      Compiles a descriptor set with comments and enforces the API rules: protobuf style guide naming,
      `<ENUM>_UNSPECIFIED = 0` enums, one request and one response message per RPC, paging fields, and a
      "Caller:" and "Errors:" paragraph on every RPC.

Exit status 0 when every check passed; otherwise every failure is printed and the status is 1.
"""

import argparse
import concurrent.futures
import importlib
import os
import re
import shutil
import subprocess
import sys

PACKAGE = "otter.v1"

# The contract: service -> {rpc: streaming shape}. "unary", "client" (client-streamed), "server".
EXPECTED_SERVICES = {
    "IdentityService": {"WhoAmI": "unary"},
    "TrustedKeyService": {
        "AddTrustedKey": "unary",
        "ListTrustedKeys": "unary",
        "RevokeTrustedKey": "unary",
    },
    "ReleaseService": {
        "UploadRelease": "client",
        "QueryUpload": "unary",
        "CancelUpload": "unary",
        "ListReleases": "unary",
        "GetRelease": "unary",
        "DeleteRelease": "unary",
    },
    "DeviceInventoryService": {
        "ListDevices": "unary",
        "GetDevice": "unary",
        "GetFleetSummary": "unary",
    },
    "GroupService": {
        "CreateGroup": "unary",
        "GetGroup": "unary",
        "ListGroups": "unary",
        "UpdateGroup": "unary",
        "DeleteGroup": "unary",
        "PreviewGroup": "unary",
    },
    "MaintenanceWindowService": {
        "CreateMaintenanceWindow": "unary",
        "GetMaintenanceWindow": "unary",
        "ListMaintenanceWindows": "unary",
        "UpdateMaintenanceWindow": "unary",
        "DeleteMaintenanceWindow": "unary",
        "ListWindowOpenings": "unary",
    },
    "RolloutService": {
        "CreateRollout": "unary",
        "GetRollout": "unary",
        "ListRollouts": "unary",
        "UpdateRollout": "unary",
        "DeleteRollout": "unary",
        "PreviewRollout": "unary",
        "SubmitRollout": "unary",
        "ApproveRollout": "unary",
        "RejectRollout": "unary",
        "StartRollout": "unary",
        "PauseRollout": "unary",
        "ResumeRollout": "unary",
        "AbortRollout": "unary",
        "ListDeployments": "unary",
        "WatchRollout": "server",
    },
    "AuditService": {
        "ListAuditEntries": "unary",
        "ExportAudit": "server",
        "VerifyAuditChain": "unary",
    },
    "SyncService": {"GetChanges": "unary", "WatchChanges": "server"},
    "DeviceService": {"CheckIn": "unary", "Download": "server", "ReportStatus": "unary"},
}

# Enums whose values the issues fix by name (without the enum prefix).
EXPECTED_ENUM_VALUES = {
    "RolloutState": {"DRAFT", "PENDING_APPROVAL", "APPROVED", "RUNNING", "PAUSED", "COMPLETED", "ABORTED"},
    "DeploymentState": {
        "PENDING", "DOWNLOADING", "DOWNLOADED", "INSTALLING", "REBOOTING",
        "SUCCEEDED", "FAILED", "ROLLED_BACK", "SKIPPED",
    },
    "SkipReason": {"INCOMPATIBLE_HARDWARE", "DOWNGRADE", "ALREADY_CURRENT"},
    "Role": {"VIEWER", "OPERATOR", "APPROVER", "ADMIN"},
    "Bank": {"A", "B"},
    "TrustedKeyState": {"ACTIVE", "REVOKED"},
}

PASCAL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
UPPER_SNAKE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")


class Failures:
    def __init__(self):
        self.items = []

    def add(self, text):
        self.items.append(text)

    def check(self, condition, text):
        if not condition:
            self.add(text)
        return condition


def proto_files(root):
    directory = os.path.join(root, "otter", "v1")
    names = sorted(n for n in os.listdir(directory) if n.endswith(".proto"))
    if not names:
        sys.exit(f"no .proto files in {directory}")
    return [f"otter/v1/{n}" for n in names]


def run_protoc(args):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0 or result.stderr.strip():
        sys.stderr.write(f"protoc failed (exit {result.returncode}): {' '.join(args)}\n{result.stderr}")
        sys.exit(1)


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)


def upper_snake(pascal):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", pascal).upper()


# --------------------------------------------------------------------------------------------- stubs


def shape_of(method):
    if method.client_streaming and method.server_streaming:
        return "bidi"
    if method.client_streaming:
        return "client"
    if method.server_streaming:
        return "server"
    return "unary"


def check_stubs(opts):
    import grpc  # noqa: imported here so that `lint` works without grpcio

    fails = Failures()
    if not os.access(opts.plugin, os.X_OK):
        sys.exit(f"grpc_python_plugin not found at '{opts.plugin}' (Debian package protobuf-compiler-grpc)")
    files = proto_files(opts.proto_root)
    fresh_dir(opts.out)
    run_protoc([opts.protoc, "--fatal_warnings", f"-I{opts.proto_root}", f"--python_out={opts.out}",
                f"--grpc_python_out={opts.out}", f"--plugin=protoc-gen-grpc_python={opts.plugin}", *files])
    sys.path.insert(0, opts.out)

    found = {}
    channel = grpc.insecure_channel("127.0.0.1:1")  # never connected: stubs only need a channel object
    for path in files:
        stem = path[: -len(".proto")].replace("/", ".")
        messages = importlib.import_module(stem + "_pb2")
        services = importlib.import_module(stem + "_pb2_grpc")
        for name, service in messages.DESCRIPTOR.services_by_name.items():
            found[name] = path
            for attr in (f"{name}Stub", f"{name}Servicer", f"add_{name}Servicer_to_server"):
                fails.check(hasattr(services, attr), f"{stem}_pb2_grpc has no {attr}")
            if not hasattr(services, f"{name}Stub"):
                continue
            stub = getattr(services, f"{name}Stub")(channel)
            expected = EXPECTED_SERVICES.get(name, {})
            actual = {m.name: shape_of(m) for m in service.methods}
            for rpc, shape in expected.items():
                if fails.check(rpc in actual, f"{name} lacks RPC {rpc}"):
                    fails.check(actual[rpc] == shape, f"{name}.{rpc} is {actual[rpc]}, expected {shape}")
                    fails.check(callable(getattr(stub, rpc, None)), f"{name}Stub has no callable {rpc}")
            for rpc in actual.keys() - expected.keys():
                fails.add(f"{name}.{rpc} is not in the expected contract (update check_protos.py)")
    channel.close()
    for name in EXPECTED_SERVICES.keys() - found.keys():
        fails.add(f"service {name} is missing")
    for name in found.keys() - EXPECTED_SERVICES.keys():
        fails.add(f"service {name} ({found[name]}) is not in the expected contract (update check_protos.py)")

    if not fails.items:
        loopback_calls(grpc, fails)
    return report(fails, f"{len(files)} protos, {len(found)} services imported and called from Python")


def loopback_calls(grpc, fails):
    """One call of each streaming shape through generated stubs and servicers over a real channel."""
    identity = importlib.import_module("otter.v1.identity_pb2")
    identity_grpc = importlib.import_module("otter.v1.identity_pb2_grpc")
    releases = importlib.import_module("otter.v1.releases_pb2")
    releases_grpc = importlib.import_module("otter.v1.releases_pb2_grpc")
    sync = importlib.import_module("otter.v1.sync_pb2")
    sync_grpc = importlib.import_module("otter.v1.sync_pb2_grpc")
    errors = importlib.import_module("otter.v1.errors_pb2")
    common = importlib.import_module("otter.v1.common_pb2")
    groups = importlib.import_module("otter.v1.groups_pb2")

    conflict = errors.ErrorDetail(
        reason=errors.ERROR_REASON_STALE_REVISION,
        expected_revision=40,
        current=errors.CurrentObject(
            kind=common.OBJECT_KIND_GROUP, id="eu-canary", revision=42,
            group=groups.Group(id="eu-canary", name="EU canary", filter='label.ring == "canary"',
                               revision=42)))

    class Identity(identity_grpc.IdentityServiceServicer):
        def WhoAmI(self, request, context):
            metadata = dict(context.invocation_metadata())
            if metadata.get("authorization") != "Bearer t0ken":
                context.abort(grpc.StatusCode.UNAUTHENTICATED, "no operator token")
            return identity.WhoAmIResponse(operator_name="alice", role=common.ROLE_APPROVER,
                                           current_revision=42)

    class Releases(releases_grpc.ReleaseServiceServicer):
        def UploadRelease(self, request_iterator, context):
            header = next(request_iterator).header
            received = sum(len(r.chunk) for r in request_iterator)
            if header.offset + received != header.total_size:
                context.set_trailing_metadata((("x-otter-error-bin", conflict.SerializeToString()),))
                context.abort(grpc.StatusCode.INVALID_ARGUMENT, "stream ended before total_size")
            return releases.UploadReleaseResponse(release=releases.Release(image_size=received))

    class Sync(sync_grpc.SyncServiceServicer):
        def WatchChanges(self, request, context):
            for revision in (42, 43, 44):
                yield sync.WatchChangesResponse(current_revision=revision)

    server = grpc.server(concurrent.futures.ThreadPoolExecutor(max_workers=4))
    identity_grpc.add_IdentityServiceServicer_to_server(Identity(), server)
    releases_grpc.add_ReleaseServiceServicer_to_server(Releases(), server)
    sync_grpc.add_SyncServiceServicer_to_server(Sync(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    fails.check(port > 0, "could not bind a loopback port")
    server.start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            who = identity_grpc.IdentityServiceStub(channel).WhoAmI(
                identity.WhoAmIRequest(), metadata=(("authorization", "Bearer t0ken"),), timeout=10)
            fails.check(who.operator_name == "alice" and who.role == common.ROLE_APPROVER,
                        f"WhoAmI round trip returned {who}")

            def upload(total, sizes):
                yield releases.UploadReleaseRequest(
                    header=releases.UploadHeader(total_size=total, bundle=releases.BundleFormat()))
                for size in sizes:
                    yield releases.UploadReleaseRequest(chunk=b"\0" * size)

            stub = releases_grpc.ReleaseServiceStub(channel)
            done = stub.UploadRelease(upload(3000, [1000, 1000, 1000]), timeout=10)
            fails.check(done.release.image_size == 3000, f"UploadRelease returned {done}")
            try:
                stub.UploadRelease(upload(3000, [1000]), timeout=10)
                fails.add("a short upload was accepted by the test servicer")
            except grpc.RpcError as error:
                fails.check(error.code() == grpc.StatusCode.INVALID_ARGUMENT, f"short upload: {error}")
                trailer = dict(error.trailing_metadata() or ()).get("x-otter-error-bin")
                detail = errors.ErrorDetail.FromString(trailer) if trailer else None
                fails.check(detail == conflict, f"x-otter-error-bin did not round-trip: {detail}")

            revisions = [m.current_revision for m in
                         sync_grpc.SyncServiceStub(channel).WatchChanges(sync.WatchChangesRequest(),
                                                                        timeout=10)]
            fails.check(revisions == [42, 43, 44], f"WatchChanges streamed {revisions}")
    finally:
        server.stop(None)


# ---------------------------------------------------------------------------------------------- lint


def comment_index(file_proto):
    comments = {}
    for location in file_proto.source_code_info.location:
        comments[tuple(location.path)] = location.leading_comments
    return comments


def lint_enum(enum, scope, fails):
    where = f"{scope}{enum.name}"
    fails.check(PASCAL.match(enum.name), f"enum {where} is not PascalCase")
    prefix = upper_snake(enum.name) + "_"
    first = enum.value[0]
    fails.check(first.number == 0 and first.name == prefix + "UNSPECIFIED",
                f"enum {where}: first value must be {prefix}UNSPECIFIED = 0, "
                f"is {first.name} = {first.number}")
    for value in enum.value:
        fails.check(UPPER_SNAKE.match(value.name) and value.name.startswith(prefix),
                    f"enum value {where}.{value.name} must be UPPER_SNAKE and start with {prefix}")
    expected = EXPECTED_ENUM_VALUES.get(enum.name)
    if expected is not None:
        actual = {v.name[len(prefix):] for v in enum.value[1:]}
        fails.check(actual == expected, f"enum {where} values {sorted(actual)} != {sorted(expected)}")


def lint_message(message, scope, fails, messages):
    where = f"{scope}{message.name}"
    messages[f".{PACKAGE}.{where}"] = message
    fails.check(PASCAL.match(message.name), f"message {where} is not PascalCase")
    for field in message.field:
        fails.check(SNAKE.match(field.name), f"field {where}.{field.name} is not snake_case")
    for enum in message.enum_type:
        lint_enum(enum, where + ".", fails)
    for nested in message.nested_type:
        if not nested.options.map_entry:
            lint_message(nested, where + ".", fails, messages)


def lint(opts):
    from google.protobuf import descriptor_pb2

    fails = Failures()
    files = proto_files(opts.proto_root)
    fresh_dir(opts.out)
    descriptor_set = os.path.join(opts.out, "otter_v1.pb")
    run_protoc([opts.protoc, "--fatal_warnings", f"-I{opts.proto_root}", "--include_source_info",
                f"--descriptor_set_out={descriptor_set}", *files])
    with open(descriptor_set, "rb") as f:
        file_set = descriptor_pb2.FileDescriptorSet.FromString(f.read())

    messages = {}
    rpc_count = 0
    for file_proto in file_set.file:
        fails.check(file_proto.syntax == "proto3", f"{file_proto.name}: syntax must be proto3")
        fails.check(file_proto.package == PACKAGE, f"{file_proto.name}: package must be {PACKAGE}")
        for enum in file_proto.enum_type:
            lint_enum(enum, "", fails)
        for message in file_proto.message_type:
            lint_message(message, "", fails, messages)

    used_as = {}
    for file_proto in file_set.file:
        comments = comment_index(file_proto)
        for s, service in enumerate(file_proto.service):
            fails.check(PASCAL.match(service.name) and service.name.endswith("Service"),
                        f"service {service.name} must be PascalCase and end in Service")
            for m, method in enumerate(service.method):
                rpc_count += 1
                where = f"{service.name}.{method.name}"
                fails.check(PASCAL.match(method.name), f"RPC {where} is not PascalCase")
                for kind, type_name in (("Request", method.input_type), ("Response", method.output_type)):
                    wanted = f".{PACKAGE}.{method.name}{kind}"
                    fails.check(type_name == wanted,
                                f"RPC {where} must use {wanted[1:]}, uses {type_name[1:]}")
                    fails.check(type_name not in used_as, f"{type_name[1:]} used by {where} and "
                                                          f"{used_as.get(type_name)}")
                    used_as[type_name] = where
                comment = comments.get((6, s, 2, m), "")
                fails.check("Caller:" in comment, f"RPC {where} has no 'Caller:' line in its comment")
                fails.check("Errors:" in comment, f"RPC {where} has no 'Errors:' paragraph in its comment")
                request = messages.get(method.input_type)
                response = messages.get(method.output_type)
                if request is None or response is None:
                    continue
                request_fields = {f.name for f in request.field}
                response_fields = {f.name for f in response.field}
                if "next_page_token" in response_fields:
                    fails.check({"page_size", "page_token"} <= request_fields,
                                f"{where} returns next_page_token but its request lacks page_size/page_token")
                if "page_token" in request_fields:
                    fails.check("next_page_token" in response_fields,
                                f"{where} takes page_token but its response lacks next_page_token")

    return report(fails, f"{len(file_set.file)} files, {len(messages)} messages, "
                         f"{rpc_count} RPCs follow the rules")


def report(fails, success):
    if fails.items:
        for item in fails.items:
            print(f"FAIL: {item}")
        print(f"{len(fails.items)} check(s) failed")
        return 1
    print(f"OK: {success}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("stubs", "lint"))
    parser.add_argument("--protoc", required=True)
    parser.add_argument("--plugin", help="grpc_python_plugin (stubs mode)")
    parser.add_argument("--proto-root", required=True)
    parser.add_argument("--out", required=True)
    opts = parser.parse_args()
    if opts.mode == "stubs":
        if not opts.plugin:
            parser.error("stubs mode needs --plugin")
        return check_stubs(opts)
    return lint(opts)


if __name__ == "__main__":
    sys.exit(main())
