#!/usr/bin/env python3
"""One line per row of the `yolo bench --json` files matching a glob: what ran (source, batch, nvJPEG lanes,
execution contexts) and what came out (p50, images/s, engine p50, and the threads/list/pool passes where run).
Usage: bench-rows.py RESULTS_DIR GLOB"""
import glob
import json
import os
import sys

res, pattern = sys.argv[1], sys.argv[2]
for f in sorted(glob.glob(os.path.join(res, pattern))):
    for r in json.load(open(f)):
        if "batch" not in r:  # a video run's record (frames/s, no batch)
            continue
        d = r.get("backend_details", {})
        extra = " cpu_decoders=%d" % r["pool_cpu_decoders"] if r.get("pool_cpu_decoders") else ""
        extra += "".join(" %s=%.1f" % (k[:-len("_images_per_s")], r[k]) for k in
                        ("threads_images_per_s", "list_images_per_s", "pool_images_per_s") if r.get(k) is not None)
        print("%-18s src=%-6s b=%-3d lanes=%-2s ctx=%-2s p50=%.3f ms p99=%.3f ms %8.1f img/s engine_p50=%s%s"
              % (os.path.basename(f)[:-5], r.get("source"), r["batch"], d.get("jpegLanes"), d.get("contexts"),
                 r["p50_ms"], r["p99_ms"], r["images_per_s"], r.get("engine_p50_ms"), extra))
