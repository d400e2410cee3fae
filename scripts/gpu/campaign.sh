#!/usr/bin/env bash
# One GPU session's checks and benchmarks, after the staging calls (docs/benchmarks.md), in phases that
# each fit one device call (<= 10 min). Every step runs under a time limit in its own JVM, so one that
# crashes or hangs costs its own time only. Logs and JSON go to /tmp/gpu/results; each phase ends by
# copying a summary and results.tgz (everything so far) to $OUT.
#   campaign.sh jpeg      nvJPEG alone (NvJpegRawProbe: per image and knob, then all images at once), then the
#                         backend's nvJPEG path per sample image (JpegProbe; then all together, then a scrambled JPEG)
#   campaign.sh tests     the GPU tests (fp32/int8 builds left out unless FULL=1; JpegDecodeGpuTest only if the
#                         jpeg phase's backend probes passed)
#   campaign.sh bench     yolo bench from JPEG bytes (CPU decode) and decoded frames, and from JPEG bytes through
#                         nvJPEG's hardware decoder when the jpeg phase passed, interleaved, ROUNDS times (default 3)
#   campaign.sh overhead  the profiler's cost per level (off / continuous / ENABLE_PROFILING default / CUPTI
#                         on every call), ROUNDS_P rounds (default 5) at batch 1 and 16; a kernel-window capture
#   campaign.sh streams-dev  2 and 8 NVDEC-into-GPU-memory streams on one GPU (and 8 without CUDA graphs); on a
#                         failure, 2 streams under compute-sanitizer
#   campaign.sh floor     an engine at optimization level LEVEL (default 5) built, then bench from frames at level 3
#                         vs LEVEL interleaved (batch 1 and 32)
#   campaign.sh cupti-graph  the minimal CUPTI graph-trace reproduction, one JVM per enabling mode
#   campaign.sh probes    nvJPEG hardware throughput by image and by threads/lanes (NvJpegThroughputProbe), and
#                         what CUPTI's collection costs apart from the profiler's record handling (CuptiCostProbe)
#   campaign.sh jpeg2     batch 32 from JPEG bytes: 1 vs 4 lanes, 2 threads, DetectorPool.detectEncoded on 2 and 3 detectors
#   campaign.sh cupti-split  the kernel window's cost at batch 1 with all and with fewer CUPTI kinds, and CUPTI's alone
#   campaign.sh h100      the sixth session's checks, short, on the target card
#   campaign.sh gpus-nolock  NVDEC-into-GPU-memory streams with and without the per-GPU decode lock
#   campaign.sh jpeg-lanes  yolo bench from JPEG bytes with tensorrt.jpegLanes 1/2/4 interleaved, ROUNDS times, then
#                         batch 32 on 2 threads (a detector each); frames from the heap vs from allocateFrame (pinned)
#   campaign.sh gpus      8 NVDEC-into-GPU-memory streams on GPU 0 vs on every GPU, interleaved, ROUNDS times; 8 live
#                         1080p30 streams (CPU decode, NVDEC host copies) on this machine's cores
#   campaign.sh s7        seventh session: batch 32 from JPEG bytes per call vs one detector's whole list (decode of
#                         each batch overlapping the previous one's inference) vs a pool of 2; execution contexts 4/8/16
#                         at batch 32 from frames; batch 1 on 1/2/4 threads (a detector and contexts each)
#   campaign.sh s7b       the nvJPEG GPU tests; batch 32 from JPEG bytes with 4 vs 8 lanes (list on one detector, pool of
#                         2); frames in page-locked memory at batch 32 over 4/8/16 contexts
#   campaign.sh s7c       GPU tests; batch 32 per call and as a two-deep list (JPEG, page-locked, heap frames); batch 1
#   campaign.sh s7d       nvJPEG and backend GPU tests; batch 1 from JPEG bytes, page-locked and heap frames
#   campaign.sh gpus32    8/16/32 NVDEC-into-GPU-memory streams on GPU 0 vs every GPU, interleaved
#   campaign.sh gpus-procs  32 streams over 2 GPUs in one JVM vs two JVMs (one GPU each) vs one GPU
#   campaign.sh overlap   OverlapProbe at batch 32 and 8: decode alone, inference alone, decode while one is in flight
#   campaign.sh s7-prof   the profiler's cost per level with a full kernel-window period per pass (2,000 calls) at batch
#                         1 and 16, the slow calls of each pass; kernel traces at batch 1 and 32 and the time of the
#                         reformat kernels in them
#   campaign.sh s8a       eighth session: 8 live 1080p30 streams (CPU decode, NVDEC host copies) ROUNDS times; then the
#                         batched engine (tensorrt.batchedEngine, batch 32) built in the background while the GPU tests
#                         run (nvJPEG, backend, dynamic batch)
#   campaign.sh s8b       waits for that build; the batched-engine GPU test; batch 32 per image vs batched from
#                         JPEG bytes and page-locked frames (per call and as a two-deep list), and a pool of 2,
#                         interleaved, ROUNDS times
#   campaign.sh s8c       a pool of 2 from JPEG bytes, per image vs batched (ROUNDS_C times); batch 1 rounds
#   campaign.sh s8d       the batched engine built alone (background), waited for, copied to $OUT
#   campaign.sh s8e       its GPU test and the memory tests; batch 32 per image vs batched (JPEG, page-locked, heap
#                         frames, per call and as a list), ROUNDS times
#   campaign.sh s9a       (not yet run) whether two contexts can share one optimization profile (ProfileSharingProbe);
#                         batch 32 from JPEG bytes through the batched engine with tensorrt.jpegCpuAssist
#                         off/on (per call, list, pool of 2) and heap frames after the parallel staging copy
#   campaign.sh s9b       (not yet run) tensorrt.waitMode spin vs block: streams, batch 1, a JPEG pool of 2
#   campaign.sh s9c       one shared optimization profile: its build, GPU tests, batch 32 JPEG pool on 1 vs 4 profiles
#                         and jpegCpuAssist by compressed bytes; NVDEC-device streams with 1/2/4 decoding at once per GPU
#   campaign.sh s9e       NVDEC streams decoded alone, detected per frame, and batched across streams; GPU 0 vs both
#   campaign.sh s10a      (not yet run; H100) the one-profile batched engine at level 4: build time, tests, 1 vs 4
#                         profiles at batch 32, a JPEG pool of 2, batch 1
#   campaign.sh s10t      the GPU tests the ninth session left unrun: NVDEC batching, dynamic batch
#   campaign.sh s10c      32 NVDEC-device streams end to end, decode gate on vs off, per frame vs batched, GPU 0 vs both
#   campaign.sh s10d      every stream to the file's end, gate off: decoding alone, batched, frame by frame; GPU 0 vs both
#   campaign.sh s10e      as s10d with 64 streams too and the gate on for 32 frame by frame, ROUNDS times interleaved
#   campaign.sh s10f      NVDEC GPU tests with the decode gate off; 32 streams frame by frame, waitMode spin vs block
#   campaign.sh s10g      32 streams per GPU: GPU 0 alone vs both GPUs in one JVM vs two JVMs (one GPU each)
#   campaign.sh s10h      JFR of the stream threads (native samples, locks, parks): 32 streams on GPU 0 vs 64 over both
#   campaign.sh s11a      (2 GPUs) launches without JavaCPP allocations vs the base app (suite.sh base):
#                         32 streams on GPU 0 and 64 over both in one JVM, a JVM per GPU, then JFR as s10h
#   campaign.sh s11b      the same pair on one GPU: batch 32 from JPEG bytes and page-locked frames
#                         (batched engine, list, pool of 2, and with jpegCpuAssist), batch 1
#   campaign.sh s11c      (not yet run) the same pair: the profiler's cost per level at batch 1 and 16
#   campaign.sh s11d      the streams' start-up (all_started_s): 32 streams on GPU 0, 64 over both, a JVM per GPU
#   campaign.sh s11e      one GPU: nvJPEG GPU tests; batch 32 from JPEG bytes over pools of 2/3/4; batch 1 from JPEG
#                         bytes with stages, this app vs the base app
#   campaign.sh s12a      twelfth session: the carried engine's auxiliary streams; an engine with another limit built in
#                         the background while every GPU test runs
#   campaign.sh s12b      waits for that build; batch 1 from JPEG bytes and page-locked frames, this app vs the base
#                         app, and page-locked frames through the other auxiliary-stream engine, interleaved, ROUNDS times
#   campaign.sh s12c      NVDEC tests with the GPU kept busy, base app vs this app; every GPU test
#   campaign.sh s12d      engines with 2/4/8 auxiliary streams: batch 1 (JPEG, page-locked) and batch 32 against the
#                         default engine and the base app; 32 NVDEC streams, this app vs the base app
#   campaign.sh s12e      NVDEC tests under load twice, every GPU test (new defaults), then this app vs the base app:
#                         batch 1 (JPEG, page-locked), batch 32 page-locked, 32 NVDEC streams
#   campaign.sh s12f      4 auxiliary streams at optimization level 5 vs 4: batch 1 from page-locked frames
#   campaign.sh s12g      (the app of c21e5bf) nvJPEG lanes split by compressed size vs in order: nvJPEG tests; batch 32
#                         from JPEG bytes (pool of 2, list; 4 and 8 lanes); the split was slower and is gone
#   campaign.sh s12h      batch 32 from JPEG bytes: pools of 2 and 3 with 2, 3 and 4 nvJPEG lanes each
#   campaign.sh s12i      batch 32 from JPEG bytes: a pool of 2 on the JPEG engines with 0/1/2 more CPU-decoding detectors
#   campaign.sh s12j      after the split of EngineSession.start: every GPU test; batch 1 and 32, this app vs the base
#   campaign.sh s10b      NVDEC decoding alone: 1-8 streams, 4 or unlimited at once per GPU, GPU 0 vs both; driver
#                         calls counted (strace -c, where strace exists). Its tenth-session run also compared FFmpeg's
#                         nvdec hwaccel without a copy with cuvid (slower; removed since)
#   campaign.sh video     vtest H.264: decode and end-to-end fps, CPU vs NVDEC (host frames) vs NVDEC into GPU
#                         memory, ROUNDS times interleaved; 8 live
#                         1080p streams at 30 fps; streams as fast as read on GPU 0 vs every GPU, interleaved
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source /tmp/gpu/env.sh
export YOLO_ENGINE_CACHE=/tmp/gpu/engines   # the carried engine (suite.sh engines); a miss builds for minutes
res=/tmp/gpu/results; mkdir -p $res
app=/tmp/gpu/app; S=$app/samples; M=$S/models/yolov8n.onnx; V=/tmp/gpu/videos
jv=(java -Xmx6g -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss
  -cp "$app/lib/*:$app/test-classes")
cli=("${jv[@]}" dev.yolojava.examples.YoloCli)
step() { # name seconds command...
  local name=$1 t=$2; shift 2
  local t0=$SECONDS; timeout -k 5 "$t" "$@" > "$res/$name.log" 2>&1; local rc=$?
  echo "$name rc=$rc $((SECONDS - t0))s" | tee -a $res/steps.txt; return $rc
}
ngpu=$(nvidia-smi -L | wc -l)
jvm_per_gpu() { # label tag seconds command...: the command in one JVM per GPU, all at once, each with --devices D and
                # its JSON and log at $res/TAG (with {d} the GPU); the whole set's wall time in steps.txt as LABEL
  local label=$1 tag=$2 t=$3; shift 3
  local t0=$SECONDS d n
  for d in $(seq 0 $((ngpu - 1))); do
    n=${tag//\{d\}/$d}
    (timeout -k 5 "$t" "$@" --devices $d --json $res/$n.json > $res/$n.log 2>&1) &
  done
  wait; echo "$label $((SECONDS - t0))s" | tee -a $res/steps.txt
}
# the carried engines and timing cache are the H100's: elsewhere (an H200, say) the new phases build a level-2 engine
# (minutes, not the ~8 of a level-4 build without a timing cache); every comparison in them is within one machine
lvl=(); if [[ -n ${LEVEL_OPT:-} ]]; then lvl=(--option tensorrt.optimizationLevel=$LEVEL_OPT)
elif ! nvidia-smi -L | head -1 | grep -q "H100 80GB HBM3"; then LEVEL_OPT=2; lvl=(--option tensorrt.optimizationLevel=2); fi
s8_wait() { # seconds: waits for the background batched-engine build, then copies its engine out (15 MB)
  local pid; pid=$(cat $res/s8-build.pid 2>/dev/null); local t0=$SECONDS
  while [[ -n $pid ]] && kill -0 $pid 2>/dev/null && (( SECONDS - t0 < $1 )); do sleep 5; done
  echo "s8-build waited $((SECONDS - t0))s, running: $(kill -0 ${pid:-0} 2>/dev/null && echo yes || echo no)" | tee -a $res/steps.txt
  cp /tmp/gpu/engines/*-b${B8:-32}-*.engine* ${OUT:-/tmp}/ 2>/dev/null || true
}
finish() {
  cat $res/steps.txt $res/*-summary.txt 2>/dev/null > $res/summary.txt
  tar -C $res -czf ${OUT:-/tmp}/results.tgz --exclude=results.tgz --exclude='*.engine' . 2>/dev/null
  cp $res/summary.txt ${OUT:-/tmp}/ 2>/dev/null; tail -60 $res/summary.txt
}
trap finish EXIT
gpu_tests() { # tag seconds [junit filters...]: the GPU tests (nvJPEG's included; int8 builds and the ONNX Runtime
              # comparison left out), their outcome first in the tag's summary
  local tag=$1 t=$2; shift 2
  echo 1 > $res/probes_ok
  export LEVEL_OPT TAG=$tag; step tests-$tag "$t" bash "$here/suite.sh" test \
    --exclude-methodname '.*(int8|matchesOnnxRuntimeOnTheCpu).*' "$@"; unset TAG
  grep -E "tests (successful|failed|aborted)|✘" $res/gpu-tests-$tag.log > $res/$tag-summary.txt
}
load_gpu() { # seconds tag [options...]: a batch-32 bench from frames in the background, to keep the GPU busy
  local t=$1 tag=$2; shift 2
  timeout -k 5 $t "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 --warmup 1 \
    --iterations 1000000 --source frames --no-stages "$@" > $res/load-$tag.log 2>&1 &
}
b1_new_vs_base() { # tag round: batch 1 from JPEG bytes and page-locked frames (stages timed), this app then the base app
  local a ad
  for a in new base; do
    ad=$app; [[ $a == base ]] && ad=/tmp/gpu/app-base
    step $1-$a-b1-r$2 90 java -Xmx6g -cp "$ad/lib/*:$ad/test-classes" dev.yolojava.examples.YoloCli bench --backend \
      tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 --warmup 100 --iterations ${ITER1:-1000} \
      --source jpeg,pinned --json $res/$1-$a-b1-r$2.json
  done
}
streams_new_vs_base() { # phase: 32 NVDEC streams to the file's end on GPU 0, this app vs the base app, ROUNDS_V times
  local va=(bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 --decoder nvdec-device
    --iterations 100000 --option tensorrt.waitMode=block --streams 32 --devices 0) r a ad
  for r in $(seq ${R0:-1} ${ROUNDS_V:-2}); do
    for a in new base; do
      ad=$app; [[ $a == base ]] && ad=/tmp/gpu/app-base
      step $1-streams-$a-r$r 90 java -Xmx6g -Dyolo.nvdecDevice.serialize=false -cp "$ad/lib/*:$ad/test-classes" \
        dev.yolojava.examples.YoloCli "${va[@]}" --json $res/$1-streams-$a-r$r.json
    done
  done
}
nvidia-smi --query-gpu=index,name,driver_version,memory.total,clocks.max.sm,clocks.sm,power.draw,temperature.gpu \
  --format=csv > $res/gpu-$1.txt
case "${1:-}" in
jpeg)
  probes_ok=1
  python3 -c "
d=bytearray(open('$S/images/dog.jpg','rb').read()); n=len(d)
for i in range(n//3, n//3+4000): d[i]=(i*31)&255
open('/tmp/gpu/scrambled.jpg','wb').write(d)"
  # nvJPEG alone first (plain JavaCPP calls, no TensorRT, NvJpegRawProbe), one knob at a time, one JVM per image and
  # knob: which images, pitches, streams or support checks fault the context, apart from the backend's code
  for img in $S/images/*.jpg /tmp/gpu/scrambled.jpg; do
    for f in hw hw,pitch256 hw,parse,stream,pitch256 hybrid; do
      CUDA_LAUNCH_BLOCKING=1 step "raw-$(basename $img .jpg)-${f//,/-}" 30 "${jv[@]}" dev.yolojava.tensorrt.NvJpegRawProbe $f $img
    done
  done
  step raw-all-hw 30 "${jv[@]}" dev.yolojava.tensorrt.NvJpegRawProbe hw,pitch256,repeat $S/images/*.jpg
  for l in $res/raw-*.log; do echo "$(basename $l .log): $(grep -h 'mean pixel\|FAILED\|cudaDeviceSynchronize [1-9]' $l | tr '\n' ' ' | cut -c1-220)"; done \
    > $res/raw-summary.txt
  cs=$(command -v compute-sanitizer || ls /usr/local/cuda/bin/compute-sanitizer 2>/dev/null)
  bad=$(grep -l "FAILED\|cudaDeviceSynchronize [1-9]" $res/raw-*-hw.log 2>/dev/null | head -1)
  if [[ -n $cs && -n $bad ]]; then  # which kernel faults, for the first image the plain hardware path fails on
    img=$(basename $bad .log); img=${img#raw-}; img=${img%-hw}
    step sanitizer-$img 120 $cs --print-limit 5 "${jv[@]}" dev.yolojava.tensorrt.NvJpegRawProbe hw $(ls $S/images/$img.jpg /tmp/gpu/$img.jpg 2>/dev/null | head -1)
  fi
  for img in $S/images/*.jpg /tmp/gpu/scrambled.jpg; do
    CUDA_LAUNCH_BLOCKING=1 step "probe-$(basename $img .jpg)" 60 "${jv[@]}" dev.yolojava.tensorrt.JpegProbe $M $img || probes_ok=0
  done
  step probe-all 90 "${jv[@]}" dev.yolojava.tensorrt.JpegProbe $M $S/images/*.jpg || probes_ok=0
  (cat $res/raw-summary.txt; grep -h "^probe\|Exception\|illegal\|ERROR" $res/probe-*.log | sort | uniq | head -80) > $res/probe-summary.txt
  echo $probes_ok > $res/probes_ok ;;
tests)
  probes_ok=$(cat $res/probes_ok 2>/dev/null || echo 0)
  excl='.*(int8|matchesOnnxRuntimeOnTheCpu).*'; [[ ${FULL:-0} == 1 ]] && excl='.*(none).*'
  [[ $probes_ok == 1 ]] || excl="${excl%).*}|JpegDecodeGpuTest).*"
  export LEVEL_OPT TAG=campaign; step tests ${TEST_S:-330} bash "$here/suite.sh" test --exclude-methodname "$excl"; unset TAG
  grep -E "tests (successful|failed|aborted|skipped)|✘|GPU letterbox unavailable|decode \+ NMS unavailable|decoded on|mean \|diff\||JPEG detections|decoders:|pixel difference" \
    $res/gpu-tests-campaign.log | head -80 > $res/tests-summary.txt ;;
bench)  # from JPEG bytes (CPU decode, parallel per batch) and decoded frames, and, when the jpeg phase's backend probes
        # passed, from JPEG bytes through nvJPEG's hardware decoder: interleaved, ROUNDS times
  hw=$(cat $res/probes_ok 2>/dev/null || echo 0)
  for r in $(seq 1 ${ROUNDS:-3}); do
    step bench-cpu-r$r 150 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images --batch ${BATCHES:-1,32} \
      --warmup 20 --iterations ${ITER:-150} --source jpeg,frames --no-stages --json $res/bench-jpeg-cpu-r$r.json
    [[ $hw == 1 ]] && step bench-hw-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images \
      --batch ${BATCHES:-1,32} --warmup 20 --iterations ${ITER:-150} --source jpeg --no-stages \
      --option tensorrt.jpegDecoder=hardware --json $res/bench-jpeg-hw-r$r.json
  done
  python3 - $res <<'PY' > $res/bench-summary.txt
import json, sys, glob, os
res = sys.argv[1]
for f in sorted(glob.glob(res + "/bench-jpeg-*.json")):
    for r in json.load(open(f)):
        print("%-8s src=%-6s b=%-3d p50=%.3f ms  %8.1f img/s  engine_p50=%s" % (os.path.basename(f)[11:-5],
              r.get("source"), r["batch"], r["p50_ms"], r["images_per_s"], r.get("engine_p50_ms")))
PY
  ;;
overhead)
  step overhead-b1 240 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images --batch 1 --source frames \
    --warmup 50 --iterations ${ITER1:-2000} --no-stages --profile-overhead ${ROUNDS_P:-5} --json $res/overhead-b1.json
  step overhead-b16 300 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images --batch 16 --source frames \
    --warmup 20 --iterations ${ITER16:-1000} --no-stages --profile-overhead ${ROUNDS_P:-5} --json $res/overhead-b16.json
  ENABLE_PROFILING=1 YOLO_PROFILING_DIR=$res/window-capture YOLO_PROFILING_KERNELS=first=10,calls=20,every=200 \
    step window-capture 90 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images --batch 1 --source frames \
    --warmup 0 --iterations 500
  grep -h "profiler cost" $res/overhead-*.log > $res/overhead-summary.txt
  s=$(ls -d $res/window-capture/*/ 2>/dev/null | head -1); [[ -n $s ]] && head -40 $s/summary.txt >> $res/overhead-summary.txt ;;
build-level)  # the engine the new phases use on a GPU without carried engines (level LEVEL_OPT)
  step build-level 560 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images/dog.jpg --batch 1 \
    --warmup 1 --iterations 5 --source frames --no-stages --json $res/build-level.json
  grep -h "building\|built\|^1f " $res/build-level.log > $res/build-summary.txt ;;
probes)
  imgs=($S/images/*.jpg)
  for img in "${imgs[@]}"; do
    step tput-$(basename $img .jpg) 40 "${jv[@]}" dev.yolojava.tensorrt.NvJpegThroughputProbe 1 32 2 - $img
  done
  for t in 1 2 4; do
    step tput-mix-t$t 40 "${jv[@]}" dev.yolojava.tensorrt.NvJpegThroughputProbe $t 32 3 - "${imgs[@]}"
  done
  step tput-mix-t1-pinned 40 "${jv[@]}" dev.yolojava.tensorrt.NvJpegThroughputProbe 1 32 3 pinned "${imgs[@]}"
  step tput-mix-t2-handles 40 "${jv[@]}" dev.yolojava.tensorrt.NvJpegThroughputProbe 2 32 3 handles "${imgs[@]}"
  step tput-mix-t4-b8 40 "${jv[@]}" dev.yolojava.tensorrt.NvJpegThroughputProbe 4 8 3 - "${imgs[@]}"
  step cupti-cost 200 "${jv[@]}" dev.yolojava.tensorrt.CuptiCostProbe $M $S/images/dog.jpg ${CALLS:-2000} ${ROUNDS_P:-5} ${LEVEL_OPT:-4}
  grep -h "probe tput\|Exception" $res/tput-*.log > $res/probes-summary.txt
  grep -h "loss vs off\|Exception\|SIGSEGV" $res/cupti-cost.log >> $res/probes-summary.txt ;;
jpeg-lanes)
  for r in $(seq 1 ${ROUNDS:-3}); do
    for l in 1 2 4; do
      step lanes$l-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1,32 --warmup 20 \
        --iterations ${ITER:-150} --source jpeg --no-stages --option tensorrt.jpegLanes=$l --json $res/lanes$l-r$r.json
    done
  done
  step threads2-jpeg 150 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 --warmup 20 \
    --iterations ${ITER:-150} --source jpeg --no-stages --threads 2 --option tensorrt.jpegLanes=${LANES:-1} --json $res/threads2-jpeg.json
  for r in $(seq 1 ${ROUNDS:-3}); do
    step pinned-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 --warmup 100 \
      --iterations ${ITER1:-1000} --source frames,pinned --no-stages --json $res/pinned-r$r.json
  done
  python3 - $res <<'PY' > $res/jpeg-lanes-summary.txt
import json, sys, glob, os
res = sys.argv[1]
for f in sorted(glob.glob(res + "/lanes*.json")) + sorted(glob.glob(res + "/threads2-*.json")) + sorted(glob.glob(res + "/pinned-*.json")):
    for r in json.load(open(f)):
        print("%-14s src=%-6s b=%-3d p50=%.3f ms  %8.1f img/s  engine_p50=%s  threads_img/s=%s" % (os.path.basename(f)[:-5],
              r.get("source"), r["batch"], r["p50_ms"], r["images_per_s"], r.get("engine_p50_ms"), r.get("threads_images_per_s")))
PY
  ;;
gpus)
  all=$(seq -s, 0 $((ngpu - 1)))
  for r in $(seq 1 ${ROUNDS:-3}); do
    step gpus-one-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 --decoder nvdec-device \
      --streams 8 --iterations 400 --devices 0 --json $res/gpus-one-r$r.json
    [[ $ngpu -ge 2 ]] && step gpus-all-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 \
      --decoder nvdec-device --streams 8 --iterations 400 --devices $all --json $res/gpus-all-r$r.json
  done
  [[ $ngpu -ge 2 ]] && step gpus-all16 150 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 \
      --decoder nvdec-device --streams 16 --iterations 400 --devices $all --json $res/gpus-all16.json
  step gpus-one16 150 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 \
      --decoder nvdec-device --streams 16 --iterations 400 --devices 0 --json $res/gpus-one16.json
  [[ ${LIVE:-1} == 1 ]] && step live8-cpu 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-1080p.mp4 --decoder cpu \
    --streams 8 --realtime --iterations 300 --devices 0 --json $res/live8-cpu.json
  [[ ${LIVE:-1} == 1 ]] && step live8-nvdec 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-1080p.mp4 --decoder nvdec \
    --streams 8 --realtime --iterations 300 --devices $all --json $res/live8-nvdec.json
  (nproc; grep -h "streams of\|Exception" $res/gpus-*.log $res/live8-*.log) > $res/gpus-summary.txt ;;
jpeg2)  # batch 32 from JPEG bytes: 1 vs 4 nvJPEG lanes interleaved, ROUNDS times; 2 threads (a detector each) with 4 lanes
  for r in $(seq 1 ${ROUNDS:-3}); do
    for l in 1 4; do
      step j32-lanes$l-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 10 --iterations ${ITER:-100} --source jpeg --no-stages --option tensorrt.jpegLanes=$l --json $res/j32-lanes$l-r$r.json
    done
  done
  step j32-threads2-lanes4 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
    --warmup 10 --iterations ${ITER:-100} --source jpeg --no-stages --threads 2 --option tensorrt.jpegLanes=4 --json $res/j32-threads2-lanes4.json
  for k in 2 3; do  # DetectorPool.detectEncoded over one long list: chunks on every detector at once
    step j32-pool$k 150 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
      --warmup 10 --iterations ${ITER:-100} --source jpeg --no-stages --pool $k --json $res/j32-pool$k.json
  done
  python3 - $res <<'PY' > $res/jpeg2-summary.txt
import json, sys, glob, os
for f in sorted(glob.glob(sys.argv[1] + "/j32-*.json")):
    for r in json.load(open(f)):
        print("%-22s b=%-3d p50=%.3f ms  %8.1f img/s  threads_img/s=%s  pool_img/s=%s" % (os.path.basename(f)[:-5], r["batch"],
              r["p50_ms"], r["images_per_s"], r.get("threads_images_per_s"), r.get("pool_images_per_s")))
PY
  ;;
cupti-split)  # where a kernel window's cost goes at batch 1: the profiler's levels with all nine CUPTI kinds and with
              # kernel+runtime+correlation only (ROUNDS_P rounds), and CUPTI alone with its buffers unread (CuptiCostProbe)
  step split-all-b1 150 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 --source frames \
    --warmup 50 --iterations ${ITER1:-1000} --no-stages --profile-overhead ${ROUNDS_P:-3} --json $res/split-all-b1.json
  YOLO_PROFILING_CUPTI_KINDS=kernel,runtime,correlation step split-krc-b1 150 "${cli[@]}" bench --backend tensorrt --model $M \
    "${lvl[@]}" --images $S/images --batch 1 --source frames --warmup 50 --iterations ${ITER1:-1000} --no-stages \
    --profile-overhead ${ROUNDS_P:-3} --json $res/split-krc-b1.json
  step split-probe 200 "${jv[@]}" dev.yolojava.tensorrt.CuptiCostProbe $M $S/images/dog.jpg ${CALLS:-2000} ${ROUNDS_P:-3} ${LEVEL_OPT:-4}
  (grep -h "profiler cost" $res/split-*-b1.log; grep -h "loss vs off" $res/split-probe.log) > $res/cupti-split-summary.txt ;;
h100)  # the sixth session's checks on the target card, short: batch 1 and 32 from JPEG bytes with 1 vs 4 nvJPEG lanes,
       # frames from the heap vs from allocateFrame, 2 threads with 4 lanes, the kernel window's cost and CUPTI's alone
  for r in $(seq 1 ${ROUNDS:-3}); do
    for l in 1 4; do
      step h-lanes$l-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1,32 \
        --warmup 10 --iterations ${ITER:-100} --source jpeg --no-stages --option tensorrt.jpegLanes=$l --json $res/h-lanes$l-r$r.json
    done
    step h-pinned-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 --warmup 100 \
      --iterations ${ITER1:-1000} --source frames,pinned --no-stages --json $res/h-pinned-r$r.json
  done
  step h-threads2-lanes4 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
    --warmup 10 --iterations ${ITER:-100} --source jpeg --no-stages --threads 2 --json $res/h-threads2-lanes4.json
  step h-split-b1 150 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 --source frames \
    --warmup 50 --iterations ${ITER1:-1000} --no-stages --profile-overhead ${ROUNDS_P:-3} --json $res/h-split-b1.json
  step h-probe 200 "${jv[@]}" dev.yolojava.tensorrt.CuptiCostProbe $M $S/images/dog.jpg ${CALLS:-2000} ${ROUNDS_P:-3} ${LEVEL_OPT:-4}
  python3 - $res <<'PY' > $res/h100-summary.txt
import json, sys, glob, os
for f in sorted(glob.glob(sys.argv[1] + "/h-*.json")):
    for r in json.load(open(f)):
        print("%-20s src=%-6s b=%-3d p50=%.3f ms  %8.1f img/s  engine_p50=%s  threads_img/s=%s" % (os.path.basename(f)[:-5],
              r.get("source"), r["batch"], r["p50_ms"], r["images_per_s"], r.get("engine_p50_ms"), r.get("threads_images_per_s")))
PY
  (grep -h "profiler cost" $res/h-split-b1.log; grep -h "loss vs off" $res/h-probe.log) >> $res/h100-summary.txt ;;
s7)
  for r in $(seq 1 ${ROUNDS:-3}); do
    step s7-jpeg-r$r 150 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
      --warmup 10 --iterations ${ITER:-100} --source jpeg --no-stages --pool 2 --json $res/s7-jpeg-r$r.json
  done
  for r in $(seq 1 ${ROUNDS:-3}); do
    for c in 4 8 16; do
      step s7-ctx$c-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 20 --iterations ${ITER:-100} --source frames --no-stages --option tensorrt.contexts=$c --json $res/s7-ctx$c-r$r.json
    done
  done
  for t in 2 4; do
    step s7-b1-threads$t 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 \
      --warmup 100 --iterations ${ITER1:-1000} --source pinned --no-stages --threads $t --json $res/s7-b1-threads$t.json
  done
  python3 "$here/bench-rows.py" $res 's7-*.json' > $res/s7-summary.txt
  grep -h "engine layers\|Exception" $res/s7-*.log | sort | uniq -c | head >> $res/s7-summary.txt
  cp /tmp/gpu/engines/*.layers.json $res/ 2>/dev/null ;;
s7b)  # the nvJPEG GPU tests; batch 32 from JPEG bytes (one detector's list, a pool of 2) with 4 vs 8 nvJPEG lanes; frames
      # in page-locked memory at batch 32 over 4/8/16 execution contexts; interleaved, ROUNDS times
  echo 1 > $res/probes_ok
  export LEVEL_OPT TAG=jpeg; step tests-jpeg 200 bash "$here/suite.sh" test --include-classname '.*JpegDecodeGpuTest'; unset TAG
  grep -E "tests (successful|failed|aborted)|✘|JPEG detections|decoded on" $res/gpu-tests-jpeg.log > $res/s7b-summary.txt
  for r in $(seq 1 ${ROUNDS:-3}); do
    for l in 4 8; do
      step s7b-jpeg-l$l-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 10 --iterations ${ITER:-100} --source jpeg --no-stages --pool 2 --option tensorrt.jpegLanes=$l \
        --json $res/s7b-jpeg-l$l-r$r.json
    done
    for c in 4 8 16; do
      step s7b-pin-c$c-r$r 60 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 20 --iterations ${ITER:-100} --source pinned --no-stages --option tensorrt.contexts=$c --json $res/s7b-pin-c$c-r$r.json
    done
  done
  python3 "$here/bench-rows.py" $res 's7b-*.json' >> $res/s7b-summary.txt
  ;;
s7c)  # the GPU tests (nvJPEG's included); batch 32 per call and as one list (two deep) from JPEG bytes, page-locked
      # frames and heap frames; batch 1 from JPEG bytes and page-locked frames; interleaved, ROUNDS times
  gpu_tests s7c 300
  for r in $(seq 1 ${ROUNDS:-3}); do
    step s7c-b32-r$r 150 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
      --warmup 10 --iterations ${ITER:-100} --source jpeg,pinned,frames --no-stages --list --json $res/s7c-b32-r$r.json
    step s7c-b1-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 \
      --warmup 100 --iterations ${ITER1:-1000} --source jpeg,pinned --no-stages --json $res/s7c-b1-r$r.json
  done
  python3 "$here/bench-rows.py" $res 's7c-*.json' >> $res/s7c-summary.txt
  ;;
s7d)  # after the graph-cache fix: the nvJPEG GPU tests and batch 1 from JPEG bytes, page-locked and heap frames, ROUNDS times
  gpu_tests s7d 200 --include-classname '.*(JpegDecodeGpuTest|TensorRtBackendGpuTest)'
  for r in $(seq 1 ${ROUNDS:-3}); do
    step s7d-b1-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 \
      --warmup 100 --iterations ${ITER1:-1000} --source jpeg,pinned,frames --no-stages --json $res/s7d-b1-r$r.json
  done
  python3 "$here/bench-rows.py" $res 's7d-*.json' >> $res/s7d-summary.txt
  grep -h "error\|SIGSEGV" $res/s7d-b1-*.log >> $res/s7d-summary.txt ;;
s8a)  # live streams first (nothing else on the GPU), then the batched build in the background while the GPU tests run
  for r in $(seq 1 ${ROUNDS:-3}); do
    for d in cpu nvdec; do
      step s8-live8-$d-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-1080p.mp4 \
        --decoder $d --streams 8 --realtime --iterations 300 --devices 0 --json $res/s8-live8-$d-r$r.json
    done
  done
  (nproc; grep -h "streams of\|Exception" $res/s8-live8-*.log) > $res/s8a-summary.txt
  B8=${B8:-32}
  setsid nohup "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch $B8 --warmup 2 \
    --iterations 5 --source frames --no-stages --option tensorrt.batchedEngine=true --json $res/s8-build.json \
    > $res/s8-build.log 2>&1 < /dev/null & echo $! > $res/s8-build.pid
  gpu_tests s8a-tests 280 --include-classname '.*(JpegDecodeGpuTest|TensorRtBackendGpuTest|DynamicBatchGpuTest)'
  grep -h "building\|built\|batchedEngine\|Exception" $res/s8-build.log | head >> $res/s8a-summary.txt ;;
s8b)
  pid=$(cat $res/s8-build.pid 2>/dev/null); t0=$SECONDS
  while [[ -n $pid ]] && kill -0 $pid 2>/dev/null && (( SECONDS - t0 < ${WAIT_S:-420} )); do sleep 5; done
  echo "s8-build waited $((SECONDS - t0))s, running: $(kill -0 ${pid:-0} 2>/dev/null && echo yes || echo no)" | tee -a $res/steps.txt
  grep -h "building\|built\|batchedEngine\|Exception" $res/s8-build.log | head > $res/s8b-summary.txt
  ls /tmp/gpu/engines/ >> $res/s8b-summary.txt
  export LEVEL_OPT TAG=s8b TEST_PROPS=-Dyolo.test.batchedEngine=true
  step tests-s8b 150 bash "$here/suite.sh" test --include-classname '.*BatchedEngineGpuTest'; unset TAG TEST_PROPS
  grep -E "tests (successful|failed|aborted)|✘" $res/gpu-tests-s8b.log >> $res/s8b-summary.txt
  for r in $(seq 1 ${ROUNDS:-3}); do
    for e in false true; do
      step s8b-b32-$e-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 10 --iterations ${ITER:-100} --source jpeg,pinned --no-stages --list --option tensorrt.batchedEngine=$e \
        --json $res/s8b-b32-$e-r$r.json
    done
  done
  python3 "$here/bench-rows.py" $res 's8b-*.json' >> $res/s8b-summary.txt
  grep -h "Exception\|SIGSEGV\|profile" $res/s8b-*.log | sort | uniq -c | head >> $res/s8b-summary.txt
  cp /tmp/gpu/engines/*b32*.layers.json $res/ 2>/dev/null ;;
s8c)  # a pool of 2 detectors from JPEG bytes, per image vs batched engine; batch 1 (one buffer set for single calls)
  for r in $(seq 1 ${ROUNDS_C:-2}); do
    for e in false true; do
      step s8c-pool2-$e-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 10 --iterations ${ITER:-100} --source jpeg --no-stages --pool 2 --option tensorrt.batchedEngine=$e \
        --json $res/s8c-pool2-$e-r$r.json
    done
  done
  for r in $(seq 1 ${ROUNDS:-3}); do
    step s8c-b1-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 \
      --warmup 100 --iterations ${ITER1:-1000} --source jpeg,pinned,frames --no-stages --json $res/s8c-b1-r$r.json
  done
  python3 "$here/bench-rows.py" $res 's8c-*.json' > $res/s8c-summary.txt
  grep -h "Exception\|SIGSEGV\|error" $res/s8c-*.log | sort | uniq -c | head >> $res/s8c-summary.txt ;;
s8d)  # the batched engine built alone (in the background, so that a call's time limit does not kill it), waited for
  B8=${B8:-32}
  if ! ls /tmp/gpu/engines/*-b$B8-*.engine >/dev/null 2>&1; then
    setsid nohup "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch $B8 --warmup 2 \
      --iterations 5 --source frames --no-stages --option tensorrt.batchedEngine=true --json $res/s8-build.json \
      > $res/s8-build.log 2>&1 < /dev/null & echo $! > $res/s8-build.pid
  fi
  s8_wait ${WAIT_S:-570}
  grep -h "building\|built\|batchedEngine\|engine layers\|Exception" $res/s8-build.log | head > $res/s8d-summary.txt ;;
s8e)  # with the batched engine built: its GPU test, the memory tests alone, batch 32 per image vs batched, ROUNDS times
  s8_wait ${WAIT_S:-300}
  export LEVEL_OPT TAG=s8e TEST_PROPS=-Dyolo.test.batchedEngine=true
  step tests-s8e 200 bash "$here/suite.sh" test --include-classname '.*(BatchedEngineGpuTest|JpegDecodeGpuTest|TensorRtBackendGpuTest)' \
    --include-methodname '.*(aBatchOf32|twoThousand).*'; unset TAG TEST_PROPS
  grep -E "tests (successful|failed|aborted)|✘" $res/gpu-tests-s8e.log > $res/s8e-summary.txt
  for r in $(seq 1 ${ROUNDS:-3}); do
    for e in false true; do
      step s8e-b32-$e-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 10 --iterations ${ITER:-100} --source jpeg,pinned,frames --no-stages --list --option tensorrt.batchedEngine=$e \
        --json $res/s8e-b32-$e-r$r.json
    done
  done
  python3 "$here/bench-rows.py" $res 's8e-*.json' >> $res/s8e-summary.txt
  grep -h "Exception\|SIGSEGV\|profile(s)" $res/s8e-*.log | sort | uniq -c | head >> $res/s8e-summary.txt ;;
s9a)  # next session, first: the batched engine (carried by a staging call of its own: carry .gpu/boot and
      # .gpu/engines-b32, command `cp -p .gpu/engines-b32/* /tmp/gpu/engines/`; else built in the background as in s8d
      # and waited for); then batch 32 from JPEG bytes with the CPU decoding a share of the batch
      # (tensorrt.jpegCpuAssist) or not, per call, as a list and over a pool of 2, and heap frames through the batched
      # engine (parallel staging)
  if ! ls /tmp/gpu/engines/*-b32-*.engine >/dev/null 2>&1 && [[ ! -f $res/s8-build.pid ]]; then
    setsid nohup "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 --warmup 2 \
      --iterations 5 --source frames --no-stages --option tensorrt.batchedEngine=true --json $res/s8-build.json \
      > $res/s8-build.log 2>&1 < /dev/null & echo $! > $res/s8-build.pid
  fi
  step profile-sharing 90 "${jv[@]}" dev.yolojava.tensorrt.internal.ProfileSharingProbe  # seconds; 1 profile would do?
  [[ ${CUPTI16:-0} == 1 ]] && step cupti-cost-b16 200 "${jv[@]}" dev.yolojava.tensorrt.CuptiCostProbe $M $S/images/dog.jpg 500 3 \
    ${LEVEL_OPT:-4} 16   # CUPTI's own cost at batch 16: is a window's <= 20% reachable? (run where no build is running)
  s8_wait ${WAIT_S:-500}
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do   # R0: the first round, for rounds spread over several calls
    for a in false true; do
      step s9a-b32-$a-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 10 --iterations ${ITER:-100} --source jpeg,frames --no-stages --list --option tensorrt.batchedEngine=true \
        --option tensorrt.jpegCpuAssist=$a --json $res/s9a-b32-$a-r$r.json
      step s9a-pool2-$a-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 10 --iterations ${ITER:-100} --source jpeg --no-stages --pool 2 --option tensorrt.batchedEngine=true \
        --option tensorrt.jpegCpuAssist=$a --json $res/s9a-pool2-$a-r$r.json
    done
  done
  grep -h "probe profile-sharing" $res/profile-sharing.log > $res/s9a-summary.txt
  grep -h "loss vs off" $res/cupti-cost-b16.log >> $res/s9a-summary.txt 2>/dev/null
  python3 "$here/bench-rows.py" $res 's9a-*.json' >> $res/s9a-summary.txt
  grep -h "Exception\|SIGSEGV\|decoders" $res/s9a-*.log | sort | uniq -c | head >> $res/s9a-summary.txt ;;
s9b)  # (not yet run) whether CUDA's spinning waits are the hosts' ceiling: tensorrt.waitMode spin vs block, interleaved,
      # ROUNDS times: NVDEC-into-GPU-memory streams (8, 16; 32 over every GPU where there are two), batch 1 latency, a
      # pool of 2 from JPEG bytes; the blocking-wait GPU test first
  [[ ${R0:-1} == 1 ]] && gpu_tests s9b 120 --include-methodname '.*aBlockingWait.*'
  all=$(seq -s, 0 $((ngpu - 1))); ns="8 16"; [[ $ngpu -ge 2 ]] && ns="16 32"  # 32 on GPU 0: two GPUs' baseline
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for w in spin block; do
      for n in $ns; do
        step s9b-s$n-$w-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 \
          --decoder nvdec-device --streams $n --iterations 400 --devices 0 --option tensorrt.waitMode=$w \
          --json $res/s9b-s$n-$w-r$r.json
      done
      [[ $ngpu -ge 2 ]] && step s9b-s32all-$w-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" \
        --video $V/vtest-h264.mp4 --decoder nvdec-device --streams 32 --iterations 400 --devices $all \
        --option tensorrt.waitMode=$w --json $res/s9b-s32all-$w-r$r.json
      step s9b-b1-$w-r$r 60 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 \
        --warmup 100 --iterations ${ITER1:-1000} --source pinned,frames --no-stages --option tensorrt.waitMode=$w \
        --json $res/s9b-b1-$w-r$r.json
      step s9b-pool2-$w-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 10 --iterations ${ITER:-100} --source jpeg --no-stages --pool 2 --option tensorrt.waitMode=$w \
        --json $res/s9b-pool2-$w-r$r.json
    done
  done
  (nproc; grep -h "streams of\|SIGSEGV\|Exception" $res/s9b-s*.log) >> $res/s9b-summary.txt
  python3 "$here/bench-rows.py" $res 's9b-b1-*.json' >> $res/s9b-summary.txt
  python3 "$here/bench-rows.py" $res 's9b-pool2-*.json' >> $res/s9b-summary.txt ;;
s9c)  # ninth session, second run: batched engines with one optimization profile shared by every context (the default
      # now; ProfileSharingProbe passed): its build timed, the GPU tests (two batched detectors at once on it), then
      # interleaved ROUNDS times: batch 32 from JPEG bytes on one profile vs four (the engine carried or built before,
      # -Dyolo.tensorrt.engineProfiles=4) and with tensorrt.jpegCpuAssist weighing compressed bytes; NVDEC-device
      # streams with 1 vs 2 sources decoding at once per GPU (yolo.nvdecDevice.concurrency), cores busy reported
  b=(bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 --warmup 10 --no-stages
    --option tensorrt.batchedEngine=true); it=(--iterations ${ITER:-100})
  if [[ ${R0:-1} == 1 ]]; then
    step s9c-build1 560 "${cli[@]}" "${b[@]}" --source frames --iterations 5 --json $res/s9c-build1.json
    grep -h "building\|built\|engine" $res/s9c-build1.log | head -5 > $res/s9c-summary.txt
    [[ ${SKIP_TESTS:-0} == 1 ]] || gpu_tests s9c ${TEST_S:-240}
  fi
  all=$(seq -s, 0 $((ngpu - 1)))
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for a in false true; do
      step s9c-p1-$a-r$r 90 "${cli[@]}" "${b[@]}" "${it[@]}" --source jpeg --pool 2 --option tensorrt.jpegCpuAssist=$a \
        --json $res/s9c-p1-$a-r$r.json
    done
    step s9c-p4-false-r$r 90 java -Xmx6g -Dyolo.tensorrt.engineProfiles=4 -cp "$app/lib/*:$app/test-classes" \
      dev.yolojava.examples.YoloCli "${b[@]}" "${it[@]}" --source jpeg --pool 2 --json $res/s9c-p4-false-r$r.json
    for c in 1 2 4; do
      step s9c-s32all-c$c-r$r 120 java -Xmx6g -Dyolo.nvdecDevice.concurrency=$c -cp "$app/lib/*:$app/test-classes" \
        dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 \
        --decoder nvdec-device --streams 32 --iterations 400 --devices $all --json $res/s9c-s32all-c$c-r$r.json
    done
  done
  python3 "$here/bench-rows.py" $res 's9c-p*.json' >> $res/s9c-summary.txt
  grep -h "streams of\|SIGSEGV\|Exception" $res/s9c-s32*.log >> $res/s9c-summary.txt ;;
s9e)  # where two GPUs' stream ceiling lies: NVDEC-into-GPU-memory decoding alone (--decode-only) on GPU 0 vs both, then
      # 32 streams detected per frame vs gathered across streams into batches (--stream-batch 32, the batched engine:
      # the carried 4-profile batch-32 engine, -Dyolo.tensorrt.engineProfiles=4), GPU 0 vs both, ROUNDS times
  all=$(seq -s, 0 $((ngpu - 1)))
  vb=(bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 --decoder nvdec-device --iterations 400)
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for d in 0 $all; do
      for n in 16 32; do
        step s9e-dec-s$n-d${d//,/}-r$r 60 "${cli[@]}" "${vb[@]}" --streams $n --devices $d --decode-only \
          --json $res/s9e-dec-s$n-d${d//,/}-r$r.json
      done
      step s9e-frame-d${d//,/}-r$r 90 "${cli[@]}" "${vb[@]}" --streams 32 --devices $d --json $res/s9e-frame-d${d//,/}-r$r.json
      step s9e-batch-d${d//,/}-r$r 120 java -Xmx6g -Dyolo.tensorrt.engineProfiles=4 -cp "$app/lib/*:$app/test-classes" \
        dev.yolojava.examples.YoloCli "${vb[@]}" --streams 32 --devices $d --stream-batch 32 \
        --option tensorrt.batchedEngine=true --json $res/s9e-batch-d${d//,/}-r$r.json
      [[ $ngpu -ge 2 ]] || break
    done
  done
  (nproc; grep -h "streams of\|SIGSEGV\|Exception\|building" $res/s9e-*.log) > $res/s9e-summary.txt ;;
s10a)  # (not yet run) on the target card (H100): the one-profile batched engine built alone at the default level 4
       # (background, timed; the 4-profile engine of .gpu/engines-b32 stays for comparing), its GPU tests, then ROUNDS
       # times interleaved: batch 32 from page-locked frames, heap frames and JPEG bytes (per call and as a list) on 1
       # vs 4 profiles, a JPEG pool of 2, and batch 1 (the frames-vs-engine ratio, 1.22-1.23x in the eighth session)
  if [[ ! -f $res/s10-build.pid ]]; then
    setsid nohup "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 --warmup 2 \
      --iterations 5 --source frames --no-stages --option tensorrt.batchedEngine=true --json $res/s10-build.json \
      > $res/s10-build.log 2>&1 < /dev/null & echo $! > $res/s10-build.pid
  fi
  pid=$(cat $res/s10-build.pid); t0=$SECONDS
  while kill -0 $pid 2>/dev/null && (( SECONDS - t0 < ${WAIT_S:-540} )); do sleep 5; done
  grep -h "building\|built in\|Exception" $res/s10-build.log | head -5 > $res/s10a-summary.txt
  kill -0 $pid 2>/dev/null && { echo "build still running: call s10a again" | tee -a $res/s10a-summary.txt; exit 0; }
  [[ -f $res/s10-tests.done ]] || { export TEST_PROPS=-Dyolo.test.batchedEngine=true; gpu_tests s10a 240 \
    --include-classname '.*(BatchedEngineGpuTest|DynamicBatchGpuTest)'; unset TEST_PROPS; touch $res/s10-tests.done; }
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for p in 1 4; do
      step s10a-b32-p$p-r$r 90 java -Xmx6g -Dyolo.tensorrt.engineProfiles=$p -cp "$app/lib/*:$app/test-classes" \
        dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 10 --iterations ${ITER:-100} --source jpeg,pinned,frames --no-stages --list \
        --option tensorrt.batchedEngine=true --json $res/s10a-b32-p$p-r$r.json
    done
    step s10a-pool2-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
      --warmup 10 --iterations ${ITER:-100} --source jpeg --no-stages --pool 2 --option tensorrt.batchedEngine=true \
      --json $res/s10a-pool2-r$r.json
    step s10a-b1-r$r 60 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 \
      --warmup 100 --iterations ${ITER1:-1000} --source jpeg,pinned,frames --no-stages --json $res/s10a-b1-r$r.json
  done
  python3 "$here/bench-rows.py" $res 's10a-*.json' >> $res/s10a-summary.txt ;;
s10t)  # the GPU tests the ninth session left unrun: NVDEC streams batched together and the dynamic-batch backends
  gpu_tests s10t ${TEST_S:-300} --include-classname '.*(NvdecVideoGpuTest|DynamicBatchGpuTest)' ;;
s10c)  # 32 NVDEC-into-GPU-memory streams end to end with the per-GPU decode gate (default) vs without it
       # (yolo.nvdecDevice.serialize=false), frame by frame and batched across streams (--stream-batch 32, the 4-profile
       # batched engine of .gpu/engines-b32), GPU 0 vs both, interleaved, ROUNDS times; the s10b decode-only runs showed
       # one GPU decoding 2,200 frames/s gated and 6,300 ungated
  all=$(seq -s, 0 $((ngpu - 1)))
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for g in true false; do
      for d in 0 $all; do
        pj=(java -Xmx6g -Dyolo.nvdecDevice.serialize=$g -Dyolo.tensorrt.engineProfiles=4 -cp "$app/lib/*:$app/test-classes"
          dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4
          --decoder nvdec-device --iterations 400 --streams ${S10C_STREAMS:-32} --devices $d)
        step s10c-g$g-frame-d${d//,/}-r$r 90 "${pj[@]}" --json $res/s10c-g$g-frame-d${d//,/}-r$r.json
        step s10c-g$g-batch-d${d//,/}-r$r 120 "${pj[@]}" --stream-batch 32 --option tensorrt.batchedEngine=true \
          --json $res/s10c-g$g-batch-d${d//,/}-r$r.json
        [[ $ngpu -ge 2 ]] || break
      done
    done
  done
  grep -h "streams of\|SIGSEGV\|Exception" $res/s10c-*.log > $res/s10c-summary.txt ;;
s10d)  # every stream read to the file's end (795 frames, not 400: the runs' fixed start-up weighs less), the decode gate
       # off: 16 streams decoded alone, 32 batched across streams and 32 frame by frame, GPU 0 vs both, ROUNDS times
  all=$(seq -s, 0 $((ngpu - 1)))
  for r in $(seq ${R0:-1} ${ROUNDS:-2}); do
    for d in 0 $all; do
      base=(java -Xmx6g -Dyolo.nvdecDevice.serialize=false -Dyolo.tensorrt.engineProfiles=4 -cp "$app/lib/*:$app/test-classes"
        dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4
        --decoder nvdec-device --iterations 100000 --devices $d)
      step s10d-dec-d${d//,/}-r$r 60 "${base[@]}" --streams 16 --decode-only --json $res/s10d-dec-d${d//,/}-r$r.json
      step s10d-batch-d${d//,/}-r$r 90 "${base[@]}" --streams 32 --stream-batch 32 --option tensorrt.batchedEngine=true \
        --json $res/s10d-batch-d${d//,/}-r$r.json
      step s10d-frame-d${d//,/}-r$r 90 "${base[@]}" --streams 32 --json $res/s10d-frame-d${d//,/}-r$r.json
      [[ $ngpu -ge 2 ]] || break
    done
  done
  grep -h "streams of\|SIGSEGV\|Exception" $res/s10d-*.log > $res/s10d-summary.txt ;;
s10e)  # as s10d, ROUNDS times interleaved: the decode gate off for 16 streams decoded alone, 32 and 64 streams frame by
       # frame, 64 batched across streams; the gate on (the default until now) for 32 streams frame by frame; GPU 0 vs both
  all=$(seq -s, 0 $((ngpu - 1)))
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for d in 0 $all; do
      for g in false true; do
        base=(java -Xmx6g -Dyolo.nvdecDevice.serialize=$g -Dyolo.tensorrt.engineProfiles=4 -cp "$app/lib/*:$app/test-classes"
          dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4
          --decoder nvdec-device --iterations 100000 --devices $d)
        t=g$g-d${d//,/}-r$r
        step s10e-frame32-$t 90 "${base[@]}" --streams 32 --json $res/s10e-frame32-$t.json
        [[ $g == true ]] && continue
        step s10e-dec16-$t 60 "${base[@]}" --streams 16 --decode-only --json $res/s10e-dec16-$t.json
        step s10e-frame64-$t 120 "${base[@]}" --streams 64 --json $res/s10e-frame64-$t.json
        step s10e-batch64-$t 120 "${base[@]}" --streams 64 --stream-batch 32 --option tensorrt.batchedEngine=true \
          --json $res/s10e-batch64-$t.json
      done
      [[ $ngpu -ge 2 ]] || break
    done
  done
  python3 "$here/video-rows.py" $res 's10e-*.json' > $res/s10e-summary.txt
  grep -h "SIGSEGV\|Exception" $res/s10e-*.log >> $res/s10e-summary.txt ;;
s10f)  # the NVDEC GPU tests with the decode gate off; then 32 streams frame by frame to the file's end with
       # tensorrt.waitMode spin vs block (the gate off), GPU 0 vs both, ROUNDS times
  export TEST_PROPS=-Dyolo.nvdecDevice.serialize=false
  gpu_tests s10f ${TEST_S:-200} --include-classname '.*NvdecVideoGpuTest'; unset TEST_PROPS
  all=$(seq -s, 0 $((ngpu - 1)))
  for r in $(seq ${R0:-1} ${ROUNDS:-2}); do
    for d in 0 $all; do
      for w in spin block; do
        step s10f-frame32-w$w-d${d//,/}-r$r 90 java -Xmx6g -Dyolo.nvdecDevice.serialize=false -cp "$app/lib/*:$app/test-classes" \
          dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 \
          --decoder nvdec-device --iterations 100000 --devices $d --streams 32 --option tensorrt.waitMode=$w \
          --json $res/s10f-frame32-w$w-d${d//,/}-r$r.json
      done
      [[ $ngpu -ge 2 ]] || break
    done
  done
  python3 "$here/video-rows.py" $res 's10f-*.json' >> $res/s10f-summary.txt
  ;;
s10g)  # whether the two-GPU ratio is the process's: 32 streams frame by frame to the file's end (gate off, waitMode
       # block) on GPU 0 alone, on both GPUs in one JVM, and as two JVMs at once with 32 streams on one GPU each, ROUNDS times
  pj=(java -Xmx6g -Dyolo.nvdecDevice.serialize=false -cp "$app/lib/*:$app/test-classes" dev.yolojava.examples.YoloCli
    bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 --decoder nvdec-device --iterations 100000
    --option tensorrt.waitMode=block)
  for r in $(seq ${R0:-1} ${ROUNDS:-2}); do
    step s10g-gpu0-r$r 90 "${pj[@]}" --streams 32 --devices 0 --json $res/s10g-gpu0-r$r.json
    step s10g-one-jvm-r$r 90 "${pj[@]}" --streams 64 --devices 0,1 --json $res/s10g-one-jvm-r$r.json
    jvm_per_gpu s10g-two-jvm-r$r "s10g-two-jvm-d{d}-r$r" 90 "${pj[@]}" --streams 32
  done
  python3 "$here/video-rows.py" $res 's10g-*.json' > $res/s10g-summary.txt
  ;;
s10h)  # where the stream threads wait, one GPU vs two in one JVM (two JVMs reach 1.96x, one 1.67x): JFR (native method
       # samples, Java samples, monitor enters and parks over 1 ms) of 32 streams on GPU 0 and 64 over both, frame by frame
       # to the file's end (gate open, waitMode block), summed by jfr-waits.py
  all=$(seq -s, 0 $((ngpu - 1))); jfr=$(dirname "$(readlink -f "$(command -v java)")")/jfr
  for d in 0 $all; do
    n=32; [[ $d == 0 ]] || n=64
    step s10h-d${d//,/} 120 java -Xmx6g -Dyolo.nvdecDevice.serialize=false -XX:StartFlightRecording=filename=$res/s10h-d${d//,/}.jfr,settings=profile,locking-threshold=1ms \
      -cp "$app/lib/*:$app/test-classes" dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M "${lvl[@]}" \
      --video $V/vtest-h264.mp4 --decoder nvdec-device --iterations 100000 --option tensorrt.waitMode=block \
      --streams $n --devices $d --json $res/s10h-d${d//,/}.json
    "$jfr" print --json --stack-depth 4 --events jdk.NativeMethodSample,jdk.ExecutionSample,jdk.JavaMonitorEnter,jdk.ThreadPark \
      $res/s10h-d${d//,/}.jfr > /tmp/gpu/s10h-events.json && { grep -h "streams of" $res/s10h-d${d//,/}.log | cut -c1-200
      python3 "$here/jfr-waits.py" /tmp/gpu/s10h-events.json 14; } > $res/s10h-d${d//,/}-waits.txt 2>&1
    [[ $ngpu -ge 2 ]] || break
  done
  cat $res/s10h-*-waits.txt > $res/s10h-summary.txt ;;
s11a)  # kernel launches without JavaCPP allocations (this app) vs the base app (suite.sh base: the
       # project at ebdb951), interleaved ROUNDS times: 32 streams on GPU 0 and 64 over every GPU in one JVM, frame by
       # frame to the file's end (gate open and blocking waits in both); two JVMs with a GPU each (this app); then the
       # JFR of this app's streams (as s10h)
  [[ -d /tmp/gpu/app-base ]] || { echo "s11a: no /tmp/gpu/app-base (suite.sh base)" | tee -a $res/steps.txt; exit 2; }
  all=$(seq -s, 0 $((ngpu - 1)))
  va=(bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 --decoder nvdec-device --iterations 100000
    --option tensorrt.waitMode=block)
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for a in new base; do
      ad=$app; [[ $a == base ]] && ad=/tmp/gpu/app-base
      j=(java -Xmx6g -Dyolo.nvdecDevice.serialize=false -cp "$ad/lib/*:$ad/test-classes" dev.yolojava.examples.YoloCli)
      step s11a-$a-gpu0-r$r 90 "${j[@]}" "${va[@]}" --streams 32 --devices 0 --json $res/s11a-$a-gpu0-r$r.json
      [[ $ngpu -ge 2 ]] && step s11a-$a-both-r$r 120 "${j[@]}" "${va[@]}" --streams $((32 * ngpu)) --devices $all \
        --json $res/s11a-$a-both-r$r.json
    done
    [[ $ngpu -ge 2 ]] && jvm_per_gpu s11a-jvms-r$r "s11a-jvm{d}-r$r" 90 java -Xmx6g -Dyolo.nvdecDevice.serialize=false \
      -cp "$app/lib/*:$app/test-classes" dev.yolojava.examples.YoloCli "${va[@]}" --streams 32
  done
  python3 - $res <<'PY' > $res/s11a-summary.txt
import glob, json, os, sys
res = sys.argv[1]
def fps(f):
    try:
        d = json.load(open(f)); d = d[0] if isinstance(d, list) else d; return d.get("total_fps", 0.0)
    except (OSError, ValueError):
        return 0.0
rounds = sorted({f.rsplit("-r", 1)[1][:-5] for f in glob.glob(res + "/s11a-*-r*.json")}, key=int)
for r in rounds:
    row = []
    for a in ("new", "base"):
        g0, both = fps("%s/s11a-%s-gpu0-r%s.json" % (res, a, r)), fps("%s/s11a-%s-both-r%s.json" % (res, a, r))
        row.append("%s: GPU 0 %.0f, all GPUs one JVM %.0f = %.2fx" % (a, g0, both, both / g0 if g0 else 0))
    jvms = [fps(f) for f in sorted(glob.glob("%s/s11a-jvm*-r%s.json" % (res, r)))]
    row.append("a JVM per GPU (new) %s = %.0f" % (" + ".join("%.0f" % x for x in jvms), sum(jvms)))
    print("round %s: %s" % (r, "; ".join(row)))
PY
  [[ ${SKIP_JFR:-0} == 1 ]] || { bash "$0" s10h > /dev/null 2>&1; cat $res/s10h-summary.txt >> $res/s11a-summary.txt; } ;;
s11b)  # this app vs the base app, interleaved ROUNDS times, one GPU: batch 32 from JPEG bytes and
       # page-locked frames through the batched engine (the 4-profile engine of .gpu/engines-b32 in both) per call and
       # as a list, and from JPEG bytes over a pool of 2; batch 1 from JPEG bytes, page-locked and heap frames
  [[ -d /tmp/gpu/app-base ]] || { echo "s11b: no /tmp/gpu/app-base (suite.sh base)" | tee -a $res/steps.txt; exit 2; }
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for a in new base; do
      ad=$app; [[ $a == base ]] && ad=/tmp/gpu/app-base
      pj=(java -Xmx6g -Dyolo.tensorrt.engineProfiles=4 -cp "$ad/lib/*:$ad/test-classes" dev.yolojava.examples.YoloCli
        bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --no-stages)
      step s11b-$a-b32-r$r 120 "${pj[@]}" --batch 32 --warmup 10 --iterations ${ITER:-100} --source jpeg,pinned --list \
        --option tensorrt.batchedEngine=true --json $res/s11b-$a-b32-r$r.json
      step s11b-$a-pool2-r$r 90 "${pj[@]}" --batch 32 --warmup 10 --iterations ${ITER:-100} --source jpeg --pool 2 \
        --option tensorrt.batchedEngine=true --json $res/s11b-$a-pool2-r$r.json
      step s11b-$a-b1-r$r 60 "${pj[@]}" --batch 1 --warmup 100 --iterations ${ITER1:-1000} --source jpeg,pinned,frames \
        --json $res/s11b-$a-b1-r$r.json
      # the CPU's share of a batch now decodes in restart bands where it has spare cores (slower than nvJPEG alone in
      # the ninth session, when the CPU took whole kite.jpg images on one core each)
      step s11b-$a-assist-r$r 90 "${pj[@]}" --batch 32 --warmup 10 --iterations ${ITER:-100} --source jpeg --pool 2 \
        --option tensorrt.batchedEngine=true --option tensorrt.jpegCpuAssist=true --json $res/s11b-$a-assist-r$r.json
    done
  done
  python3 "$here/bench-rows.py" $res 's11b-*.json' > $res/s11b-summary.txt ;;
s11c)  # (not yet run) the profiler's cost per level at batch 1 and 16 (colored NVTX ranges now reuse their
       # attributes), this app vs the base app, interleaved, ROUNDS times
  [[ -d /tmp/gpu/app-base ]] || { echo "s11c: no /tmp/gpu/app-base (suite.sh base)" | tee -a $res/steps.txt; exit 2; }
  for r in $(seq ${R0:-1} ${ROUNDS:-2}); do
    for a in new base; do
      ad=$app; [[ $a == base ]] && ad=/tmp/gpu/app-base
      for b in 1 16; do
        step s11c-$a-b$b-r$r 200 java -Xmx6g -cp "$ad/lib/*:$ad/test-classes" dev.yolojava.examples.YoloCli bench \
          --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch $b --source frames --warmup 50 \
          --iterations ${ITER_P:-2000} --no-stages --profile-overhead ${ROUNDS_P:-3} --json $res/s11c-$a-b$b-r$r.json
      done
    done
  done
  grep -h "profiler cost" $res/s11c-*.log > $res/s11c-summary.txt ;;
s11d)  # the streams' start-up in one JVM vs a JVM per GPU (s11a: one JVM's whole run 1.68-1.70x one GPU's, its
       # steady rate 1.99-2.00x): every stream's first result (all_started_s), 32 streams on GPU 0, 64 over every GPU in
       # one JVM, a JVM per GPU; decoding alone the same way; ROUNDS times
  all=$(seq -s, 0 $((ngpu - 1)))
  va=(bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 --decoder nvdec-device --iterations 100000
    --option tensorrt.waitMode=block)
  j=(java -Xmx6g -Dyolo.nvdecDevice.serialize=false -cp "$app/lib/*:$app/test-classes" dev.yolojava.examples.YoloCli)
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for m in e2e dec; do
      x=(); [[ $m == dec ]] && x=(--decode-only)
      step s11d-$m-gpu0-r$r 90 "${j[@]}" "${va[@]}" "${x[@]}" --streams 32 --devices 0 --json $res/s11d-$m-gpu0-r$r.json
      [[ $ngpu -ge 2 ]] || continue
      step s11d-$m-both-r$r 120 "${j[@]}" "${va[@]}" "${x[@]}" --streams $((32 * ngpu)) --devices $all \
        --json $res/s11d-$m-both-r$r.json
      jvm_per_gpu s11d-$m-jvms-r$r "s11d-$m-jvm{d}-r$r" 90 "${j[@]}" "${va[@]}" "${x[@]}" --streams 32
    done
  done
  python3 "$here/video-rows.py" $res 's11d-*.json' > $res/s11d-summary.txt
  ;;
s11e)  # one GPU, after s11b: the nvJPEG GPU tests (letterbox launches now read a reused argument block); batch 32 from
       # JPEG bytes over pools of 2, 3 and 4 detectors (the 4-profile batched engine); batch 1 from JPEG bytes with its
       # stages, this app vs the base app; interleaved, ROUNDS times
  echo 1 > $res/probes_ok
  export LEVEL_OPT TAG=jpeg; step tests-jpeg 200 bash "$here/suite.sh" test --include-classname '.*JpegDecodeGpuTest'; unset TAG
  grep -E "tests (successful|failed|aborted)|✘|JPEG detections|decoded on|pixel difference" $res/gpu-tests-jpeg.log > $res/s11e-tests.txt
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    pj=(java -Xmx6g -Dyolo.tensorrt.engineProfiles=4 -cp "$app/lib/*:$app/test-classes" dev.yolojava.examples.YoloCli
      bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images)
    for p in 2 3 4; do
      step s11e-pool$p-r$r 90 "${pj[@]}" --batch 32 --warmup 10 --iterations ${ITER:-100} --source jpeg --pool $p --no-stages \
        --option tensorrt.batchedEngine=true --json $res/s11e-pool$p-r$r.json
    done
    b1_new_vs_base s11e $r
  done
  { cat $res/s11e-tests.txt; python3 "$here/bench-rows.py" $res 's11e-*.json'; } > $res/s11e-summary.txt ;;
s12a)  # twelfth session, first: the engine's auxiliary streams read from the carried engine (auxStreams in
       # backend_details); an engine with another limit (4 when the carried one uses none, else 0) built in the
       # background while every GPU test runs (the NMS kernel now zeroes its counts and writes a single execution's
       # results straight into page-locked memory)
  step s12-aux-default 60 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images/dog.jpg --batch 1 \
    --warmup 2 --iterations 5 --source frames --no-stages --option tensorrt.maxAuxStreams=tensorrt \
    --json $res/s12-aux-default.json
  AUX=$(python3 -c "import json;print(json.load(open('$res/s12-aux-default.json'))[0]['backend_details'].get('auxStreams','?'))" \
    2>/dev/null || echo '?')
  A=4; [[ $AUX != 0 ]] && A=0; echo $A > $res/s12-aux
  echo "carried engine: auxStreams=$AUX; building maxAuxStreams=$A" | tee $res/s12a-summary.txt
  setsid nohup "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images/dog.jpg --batch 1 --warmup 2 \
    --iterations 5 --source frames --no-stages --option tensorrt.maxAuxStreams=$A --json $res/s12-build.json \
    > $res/s12-build.log 2>&1 < /dev/null & echo $! > $res/s12-build.pid
  probes_ok=1; echo 1 > $res/probes_ok
  export LEVEL_OPT TAG=s12a; step tests-s12a ${TEST_S:-420} bash "$here/suite.sh" test \
    --exclude-methodname '.*(int8|matchesOnnxRuntimeOnTheCpu).*'; unset TAG
  grep -E "tests (successful|failed|aborted|skipped)|✘|JPEG detections|written to the host|copied back" \
    $res/gpu-tests-s12a.log | head -60 >> $res/s12a-summary.txt
  grep -h "building\|built\|Exception" $res/s12-build.log | head >> $res/s12a-summary.txt ;;
s12b)  # waits for s12a's build; then, interleaved ROUNDS times on one GPU: batch 1 from JPEG bytes and page-locked
       # frames with stages, this app vs the base app (suite.sh base: the project before the NMS change), and this
       # app's page-locked frames through the other auxiliary-stream engine
  [[ -d /tmp/gpu/app-base ]] || { echo "s12b: no /tmp/gpu/app-base (suite.sh base)" | tee -a $res/steps.txt; exit 2; }
  pid=$(cat $res/s12-build.pid 2>/dev/null); t0=$SECONDS
  while [[ -n $pid ]] && kill -0 $pid 2>/dev/null && (( SECONDS - t0 < ${WAIT_S:-400} )); do sleep 5; done
  echo "s12-build waited $((SECONDS - t0))s, running: $(kill -0 ${pid:-0} 2>/dev/null && echo yes || echo no)" | tee -a $res/steps.txt
  grep -h "building\|built\|Exception" $res/s12-build.log | head > $res/s12b-summary.txt
  A=$(cat $res/s12-aux 2>/dev/null || echo 4)
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    b1_new_vs_base s12b $r
    step s12b-aux$A-b1-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 \
      --warmup 100 --iterations ${ITER1:-1000} --source pinned --option tensorrt.maxAuxStreams=$A \
      --json $res/s12b-aux$A-b1-r$r.json
  done
  python3 "$here/bench-rows.py" $res 's12b-*.json' >> $res/s12b-summary.txt
  python3 "$here/stage-rows.py" $res 's12b-*.json' >> $res/s12b-summary.txt
  ;;
s12c)  # NVDEC frames under load (s12a's NVDEC tests failed while an engine built beside them: frames read before
       # FFmpeg's asynchronous copy into them finished): NvdecVideoGpuTest with a batch-32 bench keeping the GPU busy,
       # the base app then this app (which now waits for the copy); then every GPU test, nothing beside them
  for a in base new; do
    ad=$app; [[ $a == base ]] && ad=/tmp/gpu/app-base
    load_gpu 50 s12c-$a; sleep 10
    APP=$ad TAG=s12c-$a step tests-s12c-$a 120 bash "$here/suite.sh" test --include-classname '.*NvdecVideoGpuTest'
    wait
    grep -E "tests (successful|failed|aborted)|✘|twins|have a twin" $res/gpu-tests-s12c-$a.log | sed "s/^/$a under load: /" \
      >> $res/s12c-summary.txt
  done
  export LEVEL_OPT TAG=s12c-all; step tests-s12c-all ${TEST_S:-420} bash "$here/suite.sh" test \
    --exclude-methodname '.*(int8|matchesOnnxRuntimeOnTheCpu).*'; unset TAG
  grep -E "tests (successful|failed|aborted|skipped)|✘|twins|have a twin" $res/gpu-tests-s12c-all.log >> $res/s12c-summary.txt ;;
s12d)  # auxiliary streams: engines with at most 2, 4 and 8 built (timing cache: ~25 s each); then, interleaved ROUNDS
       # times: batch 1 from JPEG bytes and page-locked frames through TensorRT's choice (none; the default when this
       # ran, "-1" then), the base app and the
       # 4-stream engine, page-locked frames through the 2- and 8-stream engines; batch 32 from page-locked frames,
       # default vs 4 streams; 32 NVDEC streams end to end, this app (which waits for each frame's copy) vs the base app
  for A in ${AUX_BUILD:-2 4 8}; do
    step s12d-build-aux$A 200 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images/dog.jpg --batch 1 \
      --warmup 2 --iterations 5 --source frames --no-stages --option tensorrt.maxAuxStreams=$A --json $res/s12d-build-aux$A.json
  done
  grep -h "built in\|Exception" $res/s12d-build-*.log > $res/s12d-summary.txt
  b1=(bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 --warmup 100 --iterations ${ITER1:-1000})
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    step s12d-new-b1-r$r 90 "${cli[@]}" "${b1[@]}" --source jpeg,pinned --option tensorrt.maxAuxStreams=tensorrt \
      --json $res/s12d-new-b1-r$r.json
    step s12d-base-b1-r$r 90 java -Xmx6g -cp "/tmp/gpu/app-base/lib/*:/tmp/gpu/app-base/test-classes" \
      dev.yolojava.examples.YoloCli "${b1[@]}" --source jpeg,pinned --json $res/s12d-base-b1-r$r.json
    step s12d-aux4-b1-r$r 90 "${cli[@]}" "${b1[@]}" --source jpeg,pinned --option tensorrt.maxAuxStreams=4 \
      --json $res/s12d-aux4-b1-r$r.json
    for A in 2 8; do
      step s12d-aux$A-b1-r$r 90 "${cli[@]}" "${b1[@]}" --source pinned --option tensorrt.maxAuxStreams=$A \
        --json $res/s12d-aux$A-b1-r$r.json
    done
    for A in tensorrt 4; do
      step s12d-b32-aux$A-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 \
        --warmup 10 --iterations ${ITER:-100} --source pinned --no-stages --option tensorrt.maxAuxStreams=$A \
        --json $res/s12d-b32-aux$A-r$r.json
    done
  done
  streams_new_vs_base s12d
  python3 "$here/bench-rows.py" $res 's12d-*b*.json' >> $res/s12d-summary.txt
  python3 "$here/stage-rows.py" $res 's12d-*.json' >> $res/s12d-summary.txt
  python3 "$here/video-rows.py" $res 's12d-streams-*.json' >> $res/s12d-summary.txt
  ;;
s12e)  # the fixes and defaults of s12c/s12d: NvdecVideoGpuTest with the GPU kept busy, twice (the NVDEC stream is now a
       # blocking one, so FFmpeg's copy waits for the decoder's post-processing on the legacy stream); every GPU test with
       # the new default (4 auxiliary streams for batch-1 engines, built here in seconds from the timing cache; copied to
       # $OUT); then, interleaved ROUNDS times, this app vs the base app: batch 1 from JPEG bytes and page-locked frames,
       # batch 32 from page-locked frames (32 executions over 8 contexts), 32 NVDEC streams frame by frame
  step s12e-build 200 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images/dog.jpg --batch 1 \
    --warmup 2 --iterations 5 --source frames --no-stages --json $res/s12e-build.json
  for k in 1 2; do
    load_gpu 50 s12e-$k --option tensorrt.maxAuxStreams=tensorrt; sleep 10
    TAG=s12e-load$k step tests-s12e-load$k 120 bash "$here/suite.sh" test --include-classname '.*NvdecVideoGpuTest'
    wait
    grep -E "tests (successful|failed|aborted)|✘|twins|have a twin|capture failed" $res/gpu-tests-s12e-load$k.log \
      | sed "s/^/under load $k: /" >> $res/s12e-summary.txt
  done
  export LEVEL_OPT TAG=s12e-all; step tests-s12e-all ${TEST_S:-420} bash "$here/suite.sh" test \
    --exclude-methodname '.*(int8|matchesOnnxRuntimeOnTheCpu).*'; unset TAG
  grep -E "tests (successful|failed|aborted|skipped)|✘|twins|have a twin|capture failed|JPEG detections" \
    $res/gpu-tests-s12e-all.log >> $res/s12e-summary.txt
  for f in $(grep -l "maxAuxStreams=4" /tmp/gpu/engines/*.properties 2>/dev/null); do
    cp -p "$f" "${f%.properties}" "${f%.engine.properties}.layers.json" ${OUT:-/tmp}/ 2>/dev/null
  done
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for a in new base; do
      ad=$app; [[ $a == base ]] && ad=/tmp/gpu/app-base
      j=(java -Xmx6g -cp "$ad/lib/*:$ad/test-classes" dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M
        "${lvl[@]}" --images $S/images)
      step s12e-$a-b1-r$r 90 "${j[@]}" --batch 1 --warmup 100 --iterations ${ITER1:-1000} --source jpeg,pinned \
        --json $res/s12e-$a-b1-r$r.json
      step s12e-$a-b32-r$r 90 "${j[@]}" --batch 32 --warmup 10 --iterations ${ITER:-100} --source pinned --no-stages \
        --json $res/s12e-$a-b32-r$r.json
    done
  done
  streams_new_vs_base s12e
  grep -l "capture failed" $res/s12e-*.log 2>/dev/null | sed 's/^/graph capture failed in: /' >> $res/s12e-summary.txt
  python3 "$here/bench-rows.py" $res 's12e-*-b[0-9]*-r*.json' >> $res/s12e-summary.txt
  python3 "$here/stage-rows.py" $res 's12e-*.json' >> $res/s12e-summary.txt
  python3 "$here/video-rows.py" $res 's12e-streams-*.json' >> $res/s12e-summary.txt
  ;;
s12f)  # the engine's floor with 4 auxiliary streams: optimization level 5 (built here from the timing cache) vs the
       # default level 4, batch 1 from page-locked frames, interleaved ROUNDS times
  step s12f-build-l5 300 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images/dog.jpg --batch 1 --warmup 2 \
    --iterations 5 --source frames --no-stages --option tensorrt.optimizationLevel=5 --json $res/s12f-build-l5.json
  grep -h "built in" $res/s12f-build-l5.log > $res/s12f-summary.txt
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for l in 4 5; do
      step s12f-l$l-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images --batch 1 --warmup 100 \
        --iterations ${ITER1:-1000} --source pinned --option tensorrt.optimizationLevel=$l --json $res/s12f-l$l-r$r.json
    done
  done
  python3 "$here/bench-rows.py" $res 's12f-l*.json' >> $res/s12f-summary.txt ;;
s12g)  # nvJPEG lanes split by compressed size (LaneSplit at c21e5bf: each lane kept its count, the largest JPEGs spread
       # first; slower, removed) as "new" vs in order (the base app, d02e2e8): the nvJPEG GPU tests; then, interleaved
       # ROUNDS times, batch 32 from JPEG bytes through the carried 4-profile batched engine over a pool of 2 and as a
       # list on one detector, both apps, and "new" with 8 lanes. Run it with the app of that commit to repeat it
  [[ -d /tmp/gpu/app-base ]] || { echo "s12g: no /tmp/gpu/app-base (suite.sh base)" | tee -a $res/steps.txt; exit 2; }
  echo 1 > $res/probes_ok
  export LEVEL_OPT TAG=s12g; step tests-s12g 200 bash "$here/suite.sh" test --include-classname '.*JpegDecodeGpuTest'; unset TAG
  grep -E "tests (successful|failed|aborted)|✘|JPEG detections|decoded on|pixel difference" $res/gpu-tests-s12g.log \
    > $res/s12g-summary.txt
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for a in new base new8; do
      ad=$app; [[ $a == base ]] && ad=/tmp/gpu/app-base
      lanes=(); [[ $a == new8 ]] && lanes=(--option tensorrt.jpegLanes=8)
      pj=(java -Xmx6g -Dyolo.tensorrt.engineProfiles=4 -cp "$ad/lib/*:$ad/test-classes" dev.yolojava.examples.YoloCli
        bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --no-stages --option tensorrt.batchedEngine=true
        "${lanes[@]}")
      step s12g-$a-pool2-r$r 90 "${pj[@]}" --batch 32 --warmup 10 --iterations ${ITER:-100} --source jpeg --pool 2 \
        --json $res/s12g-$a-pool2-r$r.json
      step s12g-$a-list-r$r 90 "${pj[@]}" --batch 32 --warmup 10 --iterations ${ITER:-100} --source jpeg --list \
        --json $res/s12g-$a-list-r$r.json
    done
  done
  python3 "$here/bench-rows.py" $res 's12g-*.json' >> $res/s12g-summary.txt ;;
s12h)  # batch 32 from JPEG bytes through the carried 4-profile batched engine: pools of 2 and 3 detectors with 2, 3 and
       # 4 nvJPEG lanes each, interleaved ROUNDS times (whether fewer lanes per detector let more detectors share the
       # JPEG engines better)
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for p in 2 3; do
      for l in 2 3 4; do
        step s12h-pool$p-lanes$l-r$r 90 java -Xmx6g -Dyolo.tensorrt.engineProfiles=4 -cp "$app/lib/*:$app/test-classes" \
          dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --no-stages \
          --option tensorrt.batchedEngine=true --option tensorrt.jpegLanes=$l --batch 32 --warmup 10 \
          --iterations ${ITER:-100} --source jpeg --pool $p --json $res/s12h-pool$p-lanes$l-r$r.json
      done
    done
  done
  python3 "$here/bench-rows.py" $res 's12h-*.json' > $res/s12h-summary.txt ;;
s12i)  # batch 32 from JPEG bytes through the carried 4-profile batched engine: a pool of 2 decoding on the GPU's JPEG
       # engines, with 0, 1 and 2 more detectors that decode on the CPU (--pool-cpu-decoders), interleaved ROUNDS times
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    for c in 0 1 2; do
      step s12i-pool2-cpu$c-r$r 120 java -Xmx8g -Dyolo.tensorrt.engineProfiles=4 -cp "$app/lib/*:$app/test-classes" \
        dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --no-stages \
        --option tensorrt.batchedEngine=true --batch 32 --warmup 10 --iterations ${ITER:-100} --source jpeg --pool 2 \
        --pool-cpu-decoders $c --json $res/s12i-pool2-cpu$c-r$r.json
    done
  done
  python3 "$here/bench-rows.py" $res 's12i-*.json' > $res/s12i-summary.txt ;;
s12j)  # after EngineSession.start was split (ChunkWork): every GPU test, then batch 1 from JPEG bytes and page-locked
       # frames and batch 32 from page-locked frames, this app vs the base app (suite.sh base: 6a4e477, before the split),
       # interleaved ROUNDS times
  [[ -d /tmp/gpu/app-base ]] || { echo "s12j: no /tmp/gpu/app-base (suite.sh base)" | tee -a $res/steps.txt; exit 2; }
  echo 1 > $res/probes_ok
  export LEVEL_OPT TAG=s12j; step tests-s12j ${TEST_S:-420} bash "$here/suite.sh" test \
    --exclude-methodname '.*(int8|matchesOnnxRuntimeOnTheCpu).*'; unset TAG
  grep -E "tests (successful|failed|aborted|skipped)|✘|twins|JPEG detections" $res/gpu-tests-s12j.log > $res/s12j-summary.txt
  for r in $(seq ${R0:-1} ${ROUNDS:-3}); do
    b1_new_vs_base s12j $r
    for a in new base; do
      ad=$app; [[ $a == base ]] && ad=/tmp/gpu/app-base
      step s12j-$a-b32-r$r 90 java -Xmx6g -cp "$ad/lib/*:$ad/test-classes" dev.yolojava.examples.YoloCli bench \
        --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 32 --warmup 10 --iterations ${ITER:-100} \
        --source pinned --no-stages --json $res/s12j-$a-b32-r$r.json
    done
  done
  python3 "$here/bench-rows.py" $res 's12j-*.json' >> $res/s12j-summary.txt ;;
s10b)  # what bounds NVDEC decoding into GPU memory (the two-GPU ceiling's cause, ninth session):
       # --decode-only with 1, 2, 4, 8 streams on GPU 0 (one decoder's pace vs the GPU's), with 1 / 4 / all sources
       # decoding at once (yolo.nvdecDevice.concurrency, serialize=false), on GPU 0 vs both; then the driver calls of
       # one decode-only run counted (strace -c -f, where strace exists), ROUNDS times
  all=$(seq -s, 0 $((ngpu - 1)))
  vb=(bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 --decoder nvdec-device --iterations 400
    --decode-only)
  for r in $(seq ${R0:-1} ${ROUNDS:-2}); do
    for n in 1 2 4 8; do
      step s10b-dec-s$n-r$r 60 "${cli[@]}" "${vb[@]}" --streams $n --devices 0 --json $res/s10b-dec-s$n-r$r.json
    done
    for d in 0 $all; do
      for c in 4 all; do
        prop=-Dyolo.nvdecDevice.concurrency=$c; [[ $c == all ]] && prop=-Dyolo.nvdecDevice.serialize=false
        step s10b-dec-s16-c$c-d${d//,/}-r$r 60 java -Xmx6g $prop -cp "$app/lib/*:$app/test-classes" \
          dev.yolojava.examples.YoloCli "${vb[@]}" --streams 16 --devices $d --json $res/s10b-dec-s16-c$c-d${d//,/}-r$r.json
      done
      [[ $ngpu -ge 2 ]] || break
    done
  done
  if command -v strace >/dev/null; then
    step s10b-strace 120 strace -f -c -o $res/s10b-strace.txt "${cli[@]}" "${vb[@]}" --streams 4 --devices 0 \
      --json $res/s10b-strace.json
  fi
  (grep -h "decode only\|streams of\|Exception" $res/s10b-*.log; head -30 $res/s10b-strace.txt 2>/dev/null) \
    > $res/s10b-summary.txt ;;
gpus32)  # NVDEC-into-GPU-memory streams at 8, 16 and 32 streams, GPU 0 vs every GPU, interleaved, ROUNDS times: whether two
         # GPUs scale once there are enough streams to fill them (each stream decodes and detects in turn)
  all=$(seq -s, 0 $((ngpu - 1)))
  for r in $(seq 1 ${ROUNDS:-2}); do
    for n in 8 16 32; do
      for d in 0 $all; do
        step g32-s$n-d${d//,/}-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 \
          --decoder nvdec-device --streams $n --iterations 400 --devices $d --json $res/g32-s$n-d${d//,/}-r$r.json
        [[ $ngpu -ge 2 ]] || break
      done
    done
  done
  (nproc; grep -h "streams of\|SIGSEGV\|Exception" $res/g32-*.log) > $res/gpus32-summary.txt ;;
gpus-procs)  # whether the two-GPU ceiling is the process's: 32 streams over both GPUs in one JVM vs two JVMs at once
            # (16 streams on one GPU each, frames/s summed) vs 16 streams on GPU 0 alone, interleaved, ROUNDS times
  for r in $(seq 1 ${ROUNDS:-2}); do
    step gp-one-jvm-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 \
      --decoder nvdec-device --streams 32 --iterations 400 --devices 0,1 --json $res/gp-one-jvm-r$r.json
    t0=$SECONDS
    for d in 0 1; do
      timeout -k 5 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 \
        --decoder nvdec-device --streams 16 --iterations 400 --devices $d --json $res/gp-two-jvm-d$d-r$r.json \
        > $res/gp-two-jvm-d$d-r$r.log 2>&1 &
    done
    wait; echo "gp-two-jvm-r$r $((SECONDS - t0))s" | tee -a $res/steps.txt
    step gp-gpu0-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 \
      --decoder nvdec-device --streams 16 --iterations 400 --devices 0 --json $res/gp-gpu0-r$r.json
  done
  python3 - $res <<'PY' > $res/gpus-procs-summary.txt
import json, sys, glob, os
res = sys.argv[1]
for r in sorted({f.rsplit("-r", 1)[1][:-5] for f in glob.glob(res + "/gp-*.json")}):
    one = json.load(open("%s/gp-one-jvm-r%s.json" % (res, r)))[0]["total_fps"]
    two = [json.load(open(f))[0]["total_fps"] for f in sorted(glob.glob("%s/gp-two-jvm-d*-r%s.json" % (res, r)))]
    g0 = json.load(open("%s/gp-gpu0-r%s.json" % (res, r)))[0]["total_fps"]
    print("round %s: GPU 0 alone (16 streams) %.0f; one JVM over 2 GPUs (32) %.0f = %.2fx; two JVMs (16 each) %s = %.0f = %.2fx"
          % (r, g0, one, one / g0, " + ".join("%.0f" % t for t in two), sum(two), sum(two) / g0))
PY
  grep -h "SIGSEGV\|Exception" $res/gp-*.log >> $res/gpus-procs-summary.txt ;;
overlap)  # where the two-deep loop's time goes (OverlapProbe: decode alone, inference alone, decode while one is in flight)
  for b in 32 8; do
    step overlap-b$b 90 "${jv[@]}" dev.yolojava.tensorrt.OverlapProbe $M $b 30 $S/images/*.jpg
  done
  grep -h "probe overlap\|Exception" $res/overlap-*.log > $res/overlap-summary.txt ;;
s7-prof)
  step s7-overhead-b1 200 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1 --source frames \
    --warmup 50 --iterations ${ITER1:-2000} --no-stages --profile-overhead ${ROUNDS_P:-5} --json $res/s7-overhead-b1.json
  step s7-overhead-b16 300 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 16 --source frames \
    --warmup 20 --iterations ${ITER16:-2000} --no-stages --profile-overhead ${ROUNDS_P16:-3} --json $res/s7-overhead-b16.json
  step s7-trace 90 "${cli[@]}" bench --backend tensorrt --model $M "${lvl[@]}" --images $S/images --batch 1,32 --source frames \
    --warmup 20 --iterations 50 --no-stages --profile-dir $res/s7-trace --json $res/s7-trace.json
  (grep -h "profiler cost\|above the median" $res/s7-overhead-*.log
   python3 - $res/s7-trace <<'PY'
import json, sys, glob, os, re, collections
for f in sorted(glob.glob(sys.argv[1] + "/batch*/*/trace.json")) + sorted(glob.glob(sys.argv[1] + "/batch*/trace.json")):
    ev = json.load(open(f))
    ev = ev["traceEvents"] if isinstance(ev, dict) else ev
    k = [e for e in ev if e.get("cat") == "kernel" and e.get("ph") == "X"]
    calls = sum(1 for e in ev if e.get("name") == "inference" and e.get("ph") == "X") or 1
    tot = sum(e["dur"] for e in k)
    by = collections.defaultdict(lambda: [0, 0.0])
    for e in k:
        n = e["name"]
        kind = ("reformat" if re.search(r"eformat|copyPacked|nchwTo|nhwcTo|ToNchw|ToNhwc", n) else
                "cast" if re.search(r"Cas[t_]?|Cast", n) and n.startswith("__myl") else "other")
        by[kind][0] += 1; by[kind][1] += e["dur"]
    print("%s: %d calls, %d kernels (%.1f per call), kernel time %.1f us per call" % (f.split("s7-trace/")[1], calls, len(k),
          len(k) / calls, tot / calls))
    for kind, (n, d) in sorted(by.items()):
        print("   %-9s %6d kernels %9.1f us per call (%.1f%%)" % (kind, n, d / calls, 100 * d / max(tot, 1)))
    top = collections.Counter()
    for e in k:
        if re.search(r"eformat|copyPacked|nchwTo|nhwcTo", e["name"]):
            top[e["name"][:110]] += e["dur"]
    for n, d in top.most_common(6):
        print("     %9.1f us/call  %s" % (d / calls, n))
PY
  ) > $res/s7-prof-summary.txt 2>&1 ;;
gpus-nolock)  # NVDEC-into-GPU-memory streams with and without the per-GPU decode lock (yolo.nvdecDevice.serialize),
              # 8 streams on GPU 0 and on every GPU, interleaved, ROUNDS times
  all=$(seq -s, 0 $((ngpu - 1)))
  for r in $(seq 1 ${ROUNDS:-3}); do
    for lock in true false; do
      for d in 0 $all; do
        step nolock-$lock-d${d//,/}-r$r 120 java -Xmx6g -Dyolo.nvdecDevice.serialize=$lock -cp "$app/lib/*:$app/test-classes" \
          dev.yolojava.examples.YoloCli bench --backend tensorrt --model $M "${lvl[@]}" --video $V/vtest-h264.mp4 \
          --decoder nvdec-device --streams 8 --iterations 400 --devices $d --json $res/nolock-$lock-d${d//,/}-r$r.json
        [[ $ngpu -ge 2 ]] || break
      done
    done
  done
  grep -h "streams of\|SIGSEGV\|Exception" $res/nolock-*.log > $res/gpus-nolock-summary.txt ;;
video)
  for r in $(seq 1 ${ROUNDS:-3}); do
    for d in cpu nvdec nvdec-device; do
      step video-$d-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M --video $V/vtest-h264.mp4 --decoder $d \
        --iterations 795 --json $res/video-$d-r$r.json
    done
  done
  step streams-live8 120 "${cli[@]}" bench --backend tensorrt --model $M --video $V/vtest-1080p.mp4 --decoder nvdec \
    --streams 8 --realtime --iterations 300 --devices 0 --json $res/streams-live8.json
  step streams-live8-cpu 120 "${cli[@]}" bench --backend tensorrt --model $M --video $V/vtest-1080p.mp4 --decoder cpu \
    --streams 8 --realtime --iterations 300 --devices 0 --json $res/streams-live8-cpu.json
  all=$(seq -s, 0 $((ngpu - 1)))
  for r in $(seq 1 ${ROUNDS:-3}); do
    step streams-gpu0-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M --video $V/vtest-h264.mp4 --decoder nvdec \
      --streams 8 --iterations 400 --devices 0 --json $res/streams-gpu0-r$r.json
    step streams-gpu0-dev-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M --video $V/vtest-h264.mp4 \
      --decoder nvdec-device --streams 8 --iterations 400 --devices 0 --json $res/streams-gpu0-dev-r$r.json
    [[ $ngpu -ge 2 ]] && step streams-all-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M --video $V/vtest-h264.mp4 \
      --decoder nvdec --streams 8 --iterations 400 --devices $all --json $res/streams-all-r$r.json
  done
  grep -h "^video \|streams of" $res/video-*.log $res/streams-*.log > $res/video-summary.txt ;;
rerun)  # the second staging of a session: the GPU tests (the hardware-nvJPEG bad-input test alone, last: it faulted
        # the CUDA context on corrupt data), then bench from JPEG bytes (CPU decode, parallel per batch) and frames,
        # ROUNDS times, then once with nvJPEG's hardware decoder
  bad='badJpegsGiveTheCpuPathsErrorsAndTheDetectorStaysUsable'
  export TAG=rerun; step tests ${TEST_S:-150} bash "$here/suite.sh" test --exclude-methodname ".*(int8|matchesOnnxRuntimeOnTheCpu|$bad).*"
  export TAG=badjpeg; step tests-badjpeg 60 bash "$here/suite.sh" test --include-methodname ".*$bad.*"; unset TAG
  grep -E "tests (successful|failed|aborted|skipped)|✘|twin|confident|illegal|decoded on|mean \|diff\||JPEG detections" \
    $res/gpu-tests-rerun.log $res/gpu-tests-badjpeg.log | head -60 > $res/tests-summary.txt
  for r in $(seq 1 ${ROUNDS:-3}); do
    step bench-par-r$r 120 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images --batch ${BATCHES:-1,32} \
      --warmup 20 --iterations ${ITER:-150} --source jpeg,frames --json $res/bench-par-r$r.json
  done
  step bench-hwjpeg 90 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images --batch ${BATCHES:-1,32} \
    --warmup 20 --iterations ${ITER:-150} --source jpeg --option tensorrt.jpegDecoder=hardware --json $res/bench-hwjpeg.json
  grep -hE "^[0-9]+[jf] " $res/bench-par-r*.log $res/bench-hwjpeg.log > $res/bench-summary.txt ;;
lean)  # CUPTI with fewer kinds (no runtime/driver/marker/overhead records): the cost per level, and whether every
       # kernel is still attributed to its range (check-trace on a capture with CUPTI on every call)
  export YOLO_PROFILING_CUPTI_KINDS=${KINDS:-kernel,memcpy,memset,sync,correlation}
  step lean-b1 90 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images --batch 1 --source frames \
    --warmup 50 --iterations ${ITER1:-1000} --no-stages --profile-overhead ${ROUNDS_P:-3} --json $res/lean-b1.json
  step lean-b16 90 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images --batch 16 --source frames \
    --warmup 20 --iterations ${ITER16:-200} --no-stages --profile-overhead ${ROUNDS_P:-3} --json $res/lean-b16.json
  step lean-trace 60 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images --batch 1 --source frames \
    --warmup 20 --iterations 200 --no-stages --profile-dir $res/lean-trace --json $res/lean-trace.json
  d=$(ls -d $res/lean-trace/batch1-*/*/ | head -1); python3 scripts/check-trace.py "$d" 200 > $res/lean-check.log 2>&1
  (grep -h "profiler cost" $res/lean-b*.log; head -12 $res/lean-check.log) > $res/lean-summary.txt ;;
streams-dev)  # several NVDEC-into-GPU-memory streams sharing one GPU's pool: 2 and 8 streams, 8 without CUDA graphs;
              # where one fails, 2 streams under compute-sanitizer
  V1=$V/vtest-h264.mp4; ok=1
  for n in 2 8; do
    step streams-dev-$n 120 "${cli[@]}" bench --backend tensorrt --model $M --video $V1 --decoder nvdec-device --streams $n \
      --iterations 400 --devices 0 --json $res/streams-dev-$n.json || ok=0
  done
  step streams-dev-8-nograph 120 "${cli[@]}" bench --backend tensorrt --model $M --video $V1 --decoder nvdec-device \
    --streams 8 --iterations 400 --devices 0 --option tensorrt.cudaGraph=false --json $res/streams-dev-8-nograph.json || ok=0
  if [[ $ok == 0 ]]; then
    step streams-dev-sanitizer 240 /usr/local/cuda/bin/compute-sanitizer --print-limit 6 --show-backtrace host "${cli[@]}" \
      bench --backend tensorrt --model $M --video $V1 --decoder nvdec-device --streams 2 --iterations 40 --devices 0
  fi
  grep -ah "streams of\|Invalid\|Problematic\|SIGSEGV\|ERROR\|Exception" $res/streams-dev-*.log | sort | uniq -c | head -40 \
    > $res/streams-dev-summary.txt ;;
floor)  # the engine's floor: an engine at builder optimization level LEVEL (default 5; built here, the timing cache
        # carried), then yolo bench from frames at level 3 and LEVEL interleaved, ROUNDS times
  L=${LEVEL:-5}
  [[ -n ${BUILD:-1} && ${BUILD:-1} != 0 ]] && step floor-build-l$L ${BUILD_S:-560} "${cli[@]}" bench --backend tensorrt --model $M \
    --images $S/images --batch 1 --warmup 5 --iterations 20 --source frames --no-stages \
    --option tensorrt.optimizationLevel=$L --json $res/floor-build-l$L.json
  for r in $(seq 1 ${ROUNDS:-3}); do
    for l in 3 $L; do
      step floor-l$l-r$r 90 "${cli[@]}" bench --backend tensorrt --model $M --images $S/images --batch 1,32 --warmup 50 \
        --iterations ${ITER:-500} --source frames --no-stages --option tensorrt.optimizationLevel=$l --json $res/floor-l$l-r$r.json
    done
  done
  grep -h "building\|built\|^1f \|^32f " $res/floor-*.log > $res/floor-summary.txt ;;
cupti-graph)  # the CUPTI graph-trace crash, one JVM per way of enabling it (CuptiGraphTraceProbe)
  for m in before after with-kernels with-runtime; do
    step cupti-graph-$m 60 "${jv[@]}" dev.yolojava.tensorrt.CuptiGraphTraceProbe $m
  done
  grep -h "^probe\|SIGSEGV\|Problematic\|libcupti" $res/cupti-graph-*.log > $res/cupti-graph-summary.txt ;;
*) echo "usage: campaign.sh jpeg|tests|build-level|probes|jpeg2|cupti-split|h100|gpus-nolock|jpeg-lanes|gpus|floor|streams-dev|bench|overhead|video|rerun|lean|cupti-graph"; exit 2 ;;
esac
true
