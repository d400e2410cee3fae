#!/usr/bin/env python3
"""One line per `yolo bench --video --json` file matching a glob: frames/s in all (and while every stream delivered,
and when the last stream started, where the bench reports them), frames, cores busy; a file a killed step left
unreadable is skipped. Usage: video-rows.py RESULTS_DIR GLOB"""
import glob
import json
import os
import sys

res, pattern = sys.argv[1], sys.argv[2]
for f in sorted(glob.glob(os.path.join(res, pattern))):
    try:
        d = json.load(open(f))
    except (OSError, ValueError):
        continue
    d = d[0] if isinstance(d, list) else d
    steady = " (%.1f steady)" % d["steady_fps"] if "steady_fps" in d else ""
    started = ", all started after %.2f s" % d["all_started_s"] if "all_started_s" in d else ""
    print("%-30s %8.1f frames/s%s%s %6d frames %5.1f cores" % (os.path.basename(f)[:-5], d.get("total_fps", 0), steady,
          started, d.get("frames", 0), d.get("process_cpu_cores", 0)))
