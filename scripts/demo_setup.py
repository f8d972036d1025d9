#!/usr/bin/python3
"""Fills a running otterd with the demo's operator-side data through the operator API, as operators would:

  the release signing key trusted (admin), two signed releases uploaded (alice), groups by region and by ring,
  a maintenance window that is always open, a rollout of the good release to the whole fleet created by
  alice, approved by bob (four-eyes) and started by alice; once it has COMPLETED, a rollout of the bad
  release to the canary ring, which pauses itself when devices fail to boot it.

Python stubs come from grpc-protos with protoc and grpc_python_plugin, generated into --work.
Prints what it does; exits 0 once the good rollout completed (and, with --bad, the bad one paused itself).
"""

import argparse
import glob
import os
import subprocess
import sys
import time

CALL_TIMEOUT = 60


def generate_stubs(proto_root, out):
    files = sorted(glob.glob(os.path.join(proto_root, "otter", "v1", "*.proto")))
    os.makedirs(out, exist_ok=True)
    subprocess.run(["protoc", f"-I{proto_root}", f"--python_out={out}", f"--grpc_python_out={out}",
                    "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin", *files], check=True)
    sys.path.insert(0, out)


def say(text):
    print(f"demo: {text}", flush=True)


class Api:
    def __init__(self, address, ca_path, tokens):
        import grpc
        from otter.v1 import (groups_pb2_grpc, keys_pb2_grpc, releases_pb2_grpc, rollouts_pb2_grpc,
                              windows_pb2_grpc)
        with open(ca_path, "rb") as f:
            channel = grpc.secure_channel(address, grpc.ssl_channel_credentials(root_certificates=f.read()))
        self.tokens = tokens
        self.keys = keys_pb2_grpc.TrustedKeyServiceStub(channel)
        self.releases = releases_pb2_grpc.ReleaseServiceStub(channel)
        self.groups = groups_pb2_grpc.GroupServiceStub(channel)
        self.windows = windows_pb2_grpc.MaintenanceWindowServiceStub(channel)
        self.rollouts = rollouts_pb2_grpc.RolloutServiceStub(channel)

    def auth(self, who):
        return dict(metadata=[("authorization", f"Bearer {self.tokens[who]}")], timeout=CALL_TIMEOUT)


def upload(api, path):
    from otter.v1 import releases_pb2
    size = os.path.getsize(path)

    def parts():
        header = releases_pb2.UploadHeader(total_size=size,
                                           bundle=releases_pb2.BundleFormat(file_name=os.path.basename(path)))
        yield releases_pb2.UploadReleaseRequest(header=header)
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                yield releases_pb2.UploadReleaseRequest(chunk=chunk)

    release = api.releases.UploadRelease(parts(), **api.auth("alice")).release
    say(f"uploaded release {release.version} (security version {release.security_version}) as alice")
    return release


def group(api, group_id, name, filter_text):
    from otter.v1 import groups_pb2
    request = groups_pb2.CreateGroupRequest(group=groups_pb2.Group(id=group_id, name=name, filter=filter_text))
    api.groups.CreateGroup(request, **api.auth("alice"))
    say(f"group {name}: {filter_text}")


def always_open_window(api):
    from google.protobuf import duration_pb2
    from otter.v1 import windows_pb2
    window = windows_pb2.MaintenanceWindow(id="always", name="Always open (demo)", time_zone="UTC",
                                           duration=duration_pb2.Duration(seconds=24 * 3600))
    window.weekly.weekdays.extend(range(1, 8))
    api.windows.CreateMaintenanceWindow(windows_pb2.CreateMaintenanceWindowRequest(window=window),
                                        **api.auth("alice"))
    say("maintenance window 'Always open (demo)': every day, 24 h")


def rollout(api, rollout_id, name, release_id, groups):
    from otter.v1 import rollouts_pb2
    draft = rollouts_pb2.Rollout(id=rollout_id, name=name, release_id=release_id, window_id="always")
    draft.target_group_ids.extend(groups)
    made = api.rollouts.CreateRollout(rollouts_pb2.CreateRolloutRequest(rollout=draft), **api.auth("alice")).rollout
    made = api.rollouts.SubmitRollout(rollouts_pb2.SubmitRolloutRequest(
        rollout_id=made.id, expected_revision=made.revision, comment="ready"), **api.auth("alice")).rollout
    made = api.rollouts.ApproveRollout(rollouts_pb2.ApproveRolloutRequest(
        rollout_id=made.id, expected_revision=made.revision, comment="looks right"), **api.auth("bob")).rollout
    made = api.rollouts.StartRollout(rollouts_pb2.StartRolloutRequest(
        rollout_id=made.id, expected_revision=made.revision, comment="go"), **api.auth("alice")).rollout
    say(f"rollout '{name}': created and started by alice, approved by bob")
    return made


def wait_for(api, rollout_id, states, deadline_s):
    from otter.v1 import rollouts_pb2
    names = {v: k for k, v in rollouts_pb2.RolloutState.items()}
    deadline = time.monotonic() + deadline_s
    last = None
    while time.monotonic() < deadline:
        answer = api.rollouts.GetRollout(rollouts_pb2.GetRolloutRequest(rollout_id=rollout_id), **api.auth("alice"))
        current = answer.rollout
        state = names[current.state].replace("ROLLOUT_STATE_", "")
        progress = f"{state}, stage {current.current_stage + 1} of {len(current.stages)}"
        if progress != last:
            say(f"rollout {rollout_id}: {progress}")
            last = progress
        if state in states:
            return current
        time.sleep(1)  # polling a remote state, not synchronising with our own code
    raise TimeoutError(f"rollout {rollout_id} did not reach {states} within {deadline_s} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--tokens", required=True, help="directory with alice.token, bob.token, admin.token")
    parser.add_argument("--key", required=True, help="release signing public key (PEM)")
    parser.add_argument("--good", required=True, help="good release bundle")
    parser.add_argument("--bad", help="release bundle that fails to boot on some devices")
    parser.add_argument("--proto-root", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--deadline", type=int, default=1800)
    opts = parser.parse_args()

    generate_stubs(opts.proto_root, opts.work)
    from otter.v1 import keys_pb2
    tokens = {who: open(os.path.join(opts.tokens, f"{who}.token")).read().strip() for who in ("alice", "bob", "admin")}
    api = Api(opts.address, opts.ca, tokens)

    with open(opts.key) as f:
        api.keys.AddTrustedKey(keys_pb2.AddTrustedKeyRequest(public_key_pem=f.read(), name="demo release key"),
                               **api.auth("admin"))
    say("release key trusted by admin")
    good = upload(api, opts.good)
    bad = upload(api, opts.bad) if opts.bad else None
    group(api, "fleet", "Whole fleet", 'class == "gw-200"')
    for region in ("eu-west", "us-east", "ap-south"):
        group(api, f"region-{region}", f"Region {region}", f'region == "{region}"')
    group(api, "ring-canary", "Canary ring", 'label.ring == "canary"')
    always_open_window(api)

    started = rollout(api, "good-release", f"Fleet to {good.version}", good.id, ["fleet"])
    wait_for(api, started.id, {"COMPLETED"}, opts.deadline)
    say(f"the whole fleet runs {good.version}")
    if bad:
        started = rollout(api, "bad-release", f"Canary ring to {bad.version}", bad.id, ["ring-canary"])
        paused = wait_for(api, started.id, {"PAUSED", "COMPLETED"}, opts.deadline)
        say(f"rollout of {bad.version}: {paused.paused.comment or 'completed'}")
    say("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
