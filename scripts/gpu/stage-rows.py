#!/usr/bin/env python3
"""One line per record of the `yolo bench --images --json` files matching a glob: the source, the engine's auxiliary
streams, the engine alone and the GPU stage times (CUDA events, p50, ms) with the detect and nvJPEG ranges. Video
records (video-rows.py prints those) are skipped. Usage: stage-rows.py RESULTS_DIR GLOB"""
import glob
import json
import os
import sys

res, pattern = sys.argv[1], sys.argv[2]
for f in sorted(glob.glob(os.path.join(res, pattern))):
    for r in json.load(open(f)):
        if "total_fps" in r:
            continue
        st = r.get("stages_p50_ms", {})
        print("%-20s %-6s aux=%s engine=%s %s" % (os.path.basename(f)[:-5], r.get("source"),
              r.get("backend_details", {}).get("auxStreams"), r.get("engine_p50_ms"),
              " ".join("%s=%.4f" % (k, v) for k, v in st.items() if k.startswith("gpu.") or k in ("yolo.detect", "trt.decodeImages"))))
