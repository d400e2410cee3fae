#!/usr/bin/env python3
"""Where a JVM's threads were, from `jfr print --json` output: native method samples (a thread in native code, by the
Java native method it called and its caller), Java execution samples (by top frame), monitor enters and parks (by
monitor class / top frames, with their summed duration). Usage: jfr-waits.py EVENTS.json [TOP]"""
import collections
import json
import re
import sys


def frames(e):
    st = e.get("values", {}).get("stackTrace") or {}
    out = []
    for f in st.get("frames", []) or []:
        m = f.get("method", {})
        t = (m.get("type") or {}).get("name", "?")
        out.append("%s.%s" % (t.rsplit(".", 1)[-1], m.get("name", "?")))
    return out


def millis(d):  # JFR JSON durations: "PT0.001234S" or nanoseconds
    if isinstance(d, (int, float)):
        return d / 1e6
    m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", d or "")
    return (int(m.group(1) or 0) * 60 + float(m.group(2))) * 1e3 if m else 0.0


events = json.load(open(sys.argv[1]))["recording"]["events"]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 12
by = collections.defaultdict(list)
for e in events:
    by[e["type"]].append(e)
for kind in ("jdk.NativeMethodSample", "jdk.ExecutionSample"):
    ev = by.get(kind, [])
    c = collections.Counter(" <- ".join(frames(e)[:2]) for e in ev)
    print("%s: %d samples" % (kind, len(ev)))
    for k, n in c.most_common(top):
        print("  %5.1f%%  %s" % (100.0 * n / max(len(ev), 1), k))
for kind, key in (("jdk.JavaMonitorEnter", "monitorClass"), ("jdk.ThreadPark", "parkedClass")):
    ev = by.get(kind, [])
    c = collections.Counter()
    ms = collections.Counter()
    for e in ev:
        cls = (e.get("values", {}).get(key) or {}).get("name", "-")
        k = "%s @ %s" % (cls, " <- ".join(frames(e)[:3]))
        c[k] += 1
        ms[k] += millis(e.get("values", {}).get("duration"))
    print("%s: %d events (over the recording's threshold), %.0f ms in all" % (kind, len(ev), sum(ms.values())))
    for k, t in ms.most_common(top):
        print("  %8.1f ms %6d x  %s" % (t, c[k], k))
