#!/usr/bin/env python3
"""Writes an Otter audit export (otter-audit-export-v1) from scratch, following only the documented
format in core/audit_chain.h and core/audit_export.h: proof that another language can produce exports
otter-sign accepts. Usage: make_audit_export.py OUT.jsonl COUNT"""
import hashlib
import json
import struct
import sys


def field(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def canonical_json(value) -> str:
    # For objects of strings and small integers, sorted keys and no spaces are RFC 8785 canonical JSON.
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    prev = bytes(32)
    lines = []
    for seq in range(1, count + 1):
        time = f"2026-11-21T10:{seq // 60 % 60:02d}:{seq % 60:02d}.{seq % 1000:03d}Z"
        actor = ["alice", "bob", "system"][seq % 3]
        action = ["release.upload", "rollout.approve", "rollout.start", "group.update"][seq % 4]
        obj = f"rollout/r-{seq % 7}"
        details = {"n": seq, "reason": f"step {seq} — ünïcode"}
        canonical = b"".join(field(x) for x in (b"otter-audit-v1", str(seq).encode(), time.encode(),
                                                 actor.encode(), action.encode(), obj.encode(),
                                                 canonical_json(details).encode()))
        digest = hashlib.sha256(prev + canonical).digest()
        lines.append(canonical_json({"seq": seq, "time": time, "actor": actor, "action": action, "object": obj,
                                     "details": details, "prev_hash": prev.hex(), "hash": digest.hex()}))
        prev = digest
    lines.append(canonical_json({"format": "otter-audit-export-v1", "chain_head": prev.hex(), "count": count,
                                 "exported_at": "2026-11-21T12:00:00.000Z", "synced_at": "2026-11-21T11:59:00.000Z"}))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(prev.hex())


if __name__ == "__main__":
    main()
