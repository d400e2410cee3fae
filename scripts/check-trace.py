#!/usr/bin/env python3
"""Checks a yolo-profiler capture: python3 scripts/check-trace.py CAPTURE_DIR [EXPECTED_INFERENCES [RANGE]]

Parses trace.json (Chrome trace event format) and summary.json and verifies that
  * there are EXPECTED ranges named RANGE (default 'inference', the user's range in suite.sh profile; a capture of
    yolo bench has the detector's own 'yolo.detect') on the CPU track,
  * host-to-device and device-to-host copies and kernels were recorded on GPU tracks,
  * every copy and at least 99% of kernels are attributed (via their range id and the range
    parent chain) to a RANGE range, and flows link launches to GPU work.
Prints the top kernels and the copy bandwidths. Exit status 1 when a check fails.
"""
import json
import sys
from collections import Counter, defaultdict

cap = sys.argv[1].rstrip("/")
expected = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None
RANGE = sys.argv[3] if len(sys.argv) > 3 else "inference"
trace = json.load(open(f"{cap}/trace.json"))
events = trace["traceEvents"]
fails = []

procs = {e["pid"]: e["args"]["name"] for e in events if e.get("ph") == "M" and e.get("name") == "process_name"}
ranges = {e["args"]["rangeId"]: e for e in events if e.get("cat") not in ("kernel", "memcpy", "memset", "cuda_api", "flow")
          and e.get("ph") == "X" and "rangeId" in e.get("args", {})}


def in_inference(range_id):
    seen = 0
    while range_id and range_id in ranges and seen < 64:
        r = ranges[range_id]
        if r["name"] == RANGE:
            return True
        range_id = r["args"].get("parentId")
        seen += 1
    return False


inference = [r for r in ranges.values() if r["name"] == RANGE]
print(f"processes: {sorted(procs.values())}")
print(f"ranges: {len(ranges)} ({Counter(r['name'] for r in ranges.values()).most_common(8)})")
if expected is not None and len(inference) != expected:
    fails.append(f"expected {expected} '{RANGE}' ranges, found {len(inference)}")
if inference and not all("CPU" in procs.get(r["pid"], "") for r in inference):
    fails.append(f"'{RANGE}' ranges are not on the CPU process")

kernels = [e for e in events if e.get("cat") == "kernel"]
copies = [e for e in events if e.get("cat") == "memcpy"]
for e in kernels + copies:
    if "GPU" not in procs.get(e["pid"], ""):
        fails.append(f"GPU record on a non-GPU track: {e['name']}")
        break
h2d = [c for c in copies if "H2D" in c["name"]]
d2h = [c for c in copies if "D2H" in c["name"]]
print(f"kernels: {len(kernels)}, H2D copies: {len(h2d)}, D2H copies: {len(d2h)}")
for kind, lst in (("H2D", h2d), ("D2H", d2h)):
    if expected and len(lst) < expected:
        fails.append(f"expected >= {expected} {kind} copies, found {len(lst)}")
    unattributed = [c for c in lst if not in_inference(c["args"].get("rangeId"))]
    if unattributed:
        fails.append(f"{len(unattributed)} {kind} copies not attributed to a '{RANGE}' range")
    if lst:
        byts = sum(c["args"]["bytes"] for c in lst)
        us = sum(c["dur"] for c in lst)
        pinned = sum(1 for c in lst if "pinned" in c["name"])
        print(f"  {kind}: {byts / len(lst) / 1e6:.3f} MB per copy, {byts / us / 1e3:.1f} GB/s overall, {pinned}/{len(lst)} pinned")
attributed = sum(1 for k in kernels if in_inference(k["args"].get("rangeId")))
if kernels:
    print(f"kernels attributed to '{RANGE}': {attributed}/{len(kernels)}"
          f" ({attributed / max(1, len(inference)):.1f} per inference)")
if not kernels or attributed < 0.99 * len(kernels):
    fails.append(f"only {attributed} of {len(kernels)} kernels are attributed to '{RANGE}'")
flows = defaultdict(set)
for e in events:
    if e.get("ph") in ("s", "f"):
        flows[e["id"]].add(e["ph"])
broken = [i for i, p in flows.items() if p != {"s", "f"}]
print(f"flow arrows: {len(flows)} ({len(broken)} unpaired)")
if broken or not flows:
    fails.append(f"flows: {len(flows)} found, {len(broken)} unpaired")

tot = defaultdict(float)
cnt = Counter()
for k in kernels:
    tot[k["name"]] += k["dur"]
    cnt[k["name"]] += 1
print("top kernels (total us, count, tensor core):")
tc = {k["name"]: k["args"].get("tensorCore") for k in kernels}
for name, us in sorted(tot.items(), key=lambda x: -x[1])[:10]:
    print(f"  {us:10.1f} {cnt[name]:6d} {'TC' if tc[name] else '  '} {name[:100]}")
summary = json.load(open(f"{cap}/summary.json"))
print(f"summary: {summary['kernelCount']} kernels, GPU busy {summary['gpuBusyUs']:.0f} us of"
      f" {summary['wallUs']:.0f} us wall, tensor-core share {summary['tensorCoreShare']:.2f},"
      f" dropped {summary['droppedRecords']}")
for f in summary["findings"]:
    print(f"  finding: {f}")
if fails:
    print("TRACE CHECK FAILED:\n  " + "\n  ".join(fails))
    sys.exit(1)
print("TRACE CHECK OK")
