#!/usr/bin/env bash
# One GPU session's checks and benchmarks, after the staging calls (docs/benchmarks.md): GPU tests (the
# builds that take minutes — fp32, int8 — left out unless FULL=1), then yolo bench from JPEG bytes and from
# decoded frames, interleaved, ROUNDS times (default 3), plus one round with the JPEGs decoded on the CPU.
# Logs and JSON go to $OUT (8 files at most come back) and /tmp/gpu/results.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source /tmp/gpu/env.sh
res=/tmp/gpu/results; mkdir -p $res
S=/tmp/gpu/app/samples
cli() { java -Xmx6g -cp "/tmp/gpu/app/lib/*" dev.yolojava.examples.YoloCli "$@"; }
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv | tee $res/gpu.txt
if [[ ${SKIP_TESTS:-0} != 1 ]]; then
  excl=(); [[ ${FULL:-0} == 1 ]] || excl=(--exclude-methodname '.*(int8|matchesOnnxRuntimeOnTheCpu).*')
  (cd /tmp/gpu/app && TAG=campaign bash "$here/suite.sh" test "${excl[@]}") > $res/tests.out 2>&1
  grep -E "tests (successful|failed|aborted|skipped)|GPU letterbox unavailable|decode \+ NMS unavailable|nvJPEG|decoded on|mean \|diff\||JPEG detections" \
    $res/gpu-tests-campaign.log | sort | uniq -c | head -60 > $res/tests-summary.txt
  cp $res/gpu-tests-campaign.log ${OUT:-/tmp}/gpu-tests.log 2>/dev/null
fi
for r in $(seq 1 ${ROUNDS:-3}); do
  cli bench --backend tensorrt --model $S/models/yolov8n.onnx --images $S/images --batch ${BATCHES:-1,16,32} \
    --warmup 30 --iterations ${ITER:-200} --source jpeg,frames --json $res/bench-jpeg-r$r.json 2>&1 \
    | grep -vE '^\[main\] INFO dev.yolojava.(profiler|tensorrt.internal.ExecutionSlot)' > $res/bench-jpeg-r$r.log
done
cli bench --backend tensorrt --model $S/models/yolov8n.onnx --images $S/images --batch ${BATCHES:-1,16,32} \
  --warmup 30 --iterations ${ITER:-200} --source jpeg --option tensorrt.jpegDecoder=cpu \
  --json $res/bench-jpeg-cpu.json 2>&1 | grep -vE '^\[main\] INFO dev.yolojava.profiler' > $res/bench-jpeg-cpu.log
python3 - $res <<'PY' > $res/bench-summary.txt
import json, sys, glob, os
res = sys.argv[1]
for f in sorted(glob.glob(res + "/bench-jpeg-*.json")):
    for r in json.load(open(f)):
        print("%-18s src=%-6s b=%-3d p50=%.3f ms  %8.1f img/s  engine_p50=%s  stages=%s" % (os.path.basename(f)[6:-5],
              r.get("source"), r["batch"], r["p50_ms"], r["images_per_s"], r.get("engine_p50_ms"),
              {k: round(v, 3) for k, v in r.get("stages_p50_ms", {}).items()}))
PY
cat $res/tests-summary.txt $res/bench-summary.txt 2>/dev/null
tar -C $res -czf ${OUT:-/tmp}/results.tgz . 2>/dev/null
cp $res/bench-summary.txt $res/tests-summary.txt ${OUT:-/tmp}/ 2>/dev/null
true
