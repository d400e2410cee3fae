#!/usr/bin/env python3
"""One line per record of the `yolo bench --json` files matching a glob: a video run's frames/s (total, while every
stream ran, and when the last stream started), else the source, the engine's auxiliary streams, the engine alone and
the GPU stage times (CUDA events, p50, ms) with the detect and nvJPEG ranges.
Usage: stage-rows.py RESULTS_DIR GLOB"""
import glob
import json
import os
import sys

res, pattern = sys.argv[1], sys.argv[2]
for f in sorted(glob.glob(os.path.join(res, pattern))):
    name = os.path.basename(f)[:-5]
    for r in json.load(open(f)):
        if "total_fps" in r:
            print("%-22s total %7.0f  steady %7.0f  all started %.2f s" % (name, r.get("total_fps", 0),
                  r.get("steady_fps", 0), r.get("all_started_s", float("nan"))))
            continue
        st = r.get("stages_p50_ms", {})
        print("%-20s %-6s aux=%s engine=%s %s" % (name, r.get("source"), r.get("backend_details", {}).get("auxStreams"),
              r.get("engine_p50_ms"), " ".join("%s=%.4f" % (k, v) for k, v in st.items()
                                                if k.startswith("gpu.") or k in ("yolo.detect", "trt.decodeImages"))))
