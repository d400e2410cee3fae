#!/usr/bin/env bash
# One GPU session's checks and benchmarks, after the staging calls (docs/benchmarks.md). Every step runs
# under a time limit and in its own JVM, so one that crashes or hangs costs its own time only:
#   1. JpegProbe per sample image, all together, and on a scrambled JPEG (nvJPEG decode, then detect)
#   2. the GPU tests (the fp32 and int8 builds left out unless FULL=1; JpegDecodeGpuTest only if 1 passed)
#   3. yolo bench from JPEG bytes and from decoded frames, interleaved, ROUNDS times (default 3), and once
#      with the JPEGs decoded on the CPU (tensorrt.jpegDecoder=cpu)
# Logs and JSON go to /tmp/gpu/results; a summary and results.tgz to $OUT.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source /tmp/gpu/env.sh
export YOLO_ENGINE_CACHE=/tmp/gpu/engines   # the carried engine (suite.sh engines); a miss builds for minutes
res=/tmp/gpu/results; mkdir -p $res
app=/tmp/gpu/app; S=$app/samples; M=$S/models/yolov8n.onnx
jv=(java -Xmx6g -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss
  -cp "$app/lib/*:$app/test-classes")
step() { # name seconds command...
  local name=$1 t=$2; shift 2
  local t0=$SECONDS; timeout -k 5 "$t" "$@" > "$res/$name.log" 2>&1; local rc=$?
  echo "$name rc=$rc $((SECONDS - t0))s" | tee -a $res/steps.txt; return $rc
}
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv | tee $res/gpu.txt
probes_ok=1; [[ ${EXCL_JPEG:-0} == 1 ]] && probes_ok=0
if [[ ${SKIP_PROBE:-0} != 1 ]]; then
  python3 -c "
import sys; d=bytearray(open('$S/images/dog.jpg','rb').read()); n=len(d)
for i in range(n//3, n//3+4000): d[i]=(i*31)&255
open('/tmp/gpu/scrambled.jpg','wb').write(d)"
  for img in $S/images/*.jpg /tmp/gpu/scrambled.jpg; do
    CUDA_LAUNCH_BLOCKING=1 step "probe-$(basename $img .jpg)" 60 "${jv[@]}" dev.yolojava.tensorrt.JpegProbe $M $img || probes_ok=0
  done
  step probe-all 90 "${jv[@]}" dev.yolojava.tensorrt.JpegProbe $M $S/images/*.jpg || probes_ok=0
  grep -h "^probe\|Exception\|illegal\|ERROR" $res/probe-*.log | sort | uniq | head -80 > $res/probe-summary.txt
fi
if [[ ${SKIP_TESTS:-0} != 1 ]]; then
  excl='.*(int8|matchesOnnxRuntimeOnTheCpu).*'; [[ ${FULL:-0} == 1 ]] && excl='.*(none).*'
  [[ $probes_ok == 1 ]] || excl="${excl%).*}|JpegDecodeGpuTest).*"
  export TAG=campaign; step tests ${TEST_S:-300} bash "$here/suite.sh" test --exclude-methodname "$excl"; unset TAG
  grep -E "tests (successful|failed|aborted|skipped)|✘|GPU letterbox unavailable|decode \+ NMS unavailable|decoded on|mean \|diff\||JPEG detections" \
    $res/gpu-tests-campaign.log | head -60 > $res/tests-summary.txt
fi
dec=(--source jpeg,frames); [[ $probes_ok == 1 ]] || dec=(--source jpeg,frames --option tensorrt.jpegDecoder=cpu)
[[ ${NO_BENCH:-0} == 1 ]] && ROUNDS=0
for r in $(seq 1 ${ROUNDS:-3}); do
  step bench-r$r 240 "${jv[@]}" dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M --images $S/images \
    --batch ${BATCHES:-1,16,32} --warmup 30 --iterations ${ITER:-200} "${dec[@]}" --json $res/bench-jpeg-r$r.json
done
[[ $probes_ok == 1 && ${NO_BENCH:-0} != 1 ]] && step bench-cpudecode 240 "${jv[@]}" dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M \
  --images $S/images --batch ${BATCHES:-1,16,32} --warmup 30 --iterations ${ITER:-200} --source jpeg \
  --option tensorrt.jpegDecoder=cpu --json $res/bench-jpeg-cpu.json
python3 - $res <<'PY' > $res/bench-summary.txt
import json, sys, glob, os
res = sys.argv[1]
for f in sorted(glob.glob(res + "/bench-jpeg-*.json")):
    for r in json.load(open(f)):
        print("%-6s src=%-6s b=%-3d p50=%.3f ms  %8.1f img/s  engine_p50=%s  stages=%s" % (os.path.basename(f)[11:-5],
              r.get("source"), r["batch"], r["p50_ms"], r["images_per_s"], r.get("engine_p50_ms"),
              {k: round(v, 3) for k, v in r.get("stages_p50_ms", {}).items()}))
PY
cat $res/steps.txt $res/probe-summary.txt $res/tests-summary.txt $res/bench-summary.txt 2>/dev/null | tee $res/summary.txt
tar -C $res -czf ${OUT:-/tmp}/results.tgz --exclude=results.tgz . 2>/dev/null
cp $res/summary.txt ${OUT:-/tmp}/ 2>/dev/null
true
