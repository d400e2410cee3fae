#!/usr/bin/env bash
# The GPU run, on the device machine after unpack.sh (see docs/benchmarks.md for how it is driven):
#   suite.sh install      copy the carried .gpu/app to /tmp/gpu/app
#   suite.sh libcv        copy the carried .gpu/libcv (OpenCV, OpenBLAS, FFmpeg, JavaCV) into the app
#   suite.sh base         after libcv: /tmp/gpu/app-base, the app with the jars of .gpu/app-base (stage-base.sh: the
#                         project built at an earlier commit, carried with .gpu/app) in place of its own
#   suite.sh videos       copy the carried .gpu/videos (H.264 test videos) to /tmp/gpu/videos (samples/videos)
#   suite.sh engines      copy carried engines (.gpu/engines, from an earlier run) into the engine cache
#   suite.sh build        start the engine builds (MODELS x PRECISIONS, default n s x fp16 fp32) in the background
#   suite.sh wait SECS    wait up to SECS for the builds, printing their progress
#   suite.sh test [ARGS]  GPU JUnit tests (@Tag("gpu")); ARGS go to the JUnit console launcher; APP=/tmp/gpu/app-base runs
#                         them on the base app's jars
#                         (e.g. --exclude-methodname='.*int8.*')
#   suite.sh bench [ARGS] yolo bench: MODELS x PRECISIONS (n s x fp16 fp32; int8 too), batch BATCHES, ARGS
#                         added (e.g. --pipeline, --option tensorrt.gpuPostprocess=false); TAG names the files
#   suite.sh profile      200 profiled yolov8n inferences -> trace, summary, trace check
# Logs and results go to $OUT (and /tmp/gpu/results).
set -uo pipefail
g=/tmp/gpu; app=${APP:-$g/app}; res=$g/results; mkdir -p $res
# the staged JRE and TensorRT (unpack.sh writes env.sh): a call of its own has none of the earlier call's environment
[[ -f $g/env.sh ]] && source $g/env.sh
export YOLO_ENGINE_CACHE=$g/engines
cp_="$app/lib/*"
java_() { java -Xmx6g -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss -cp "$cp_" "$@"; }
cli() { java_ dev.yolojava.examples.YoloCli "$@"; }
S=$app/samples
# int8 engines: min-max calibration over the sample images, optimization level 1 (short builds)
popts() { [[ $1 == int8 ]] && echo "--option tensorrt.calibrationImages=$S/images --option tensorrt.optimizationLevel=1"; true; }
out() { [[ -n ${OUT:-} ]] && cp -r "$@" "$OUT"/ 2>/dev/null; true; }
case "${1:-}" in
  install)
    rm -rf $app && cp -r .gpu/app $app && ls $app/lib | wc -l
    if [[ -d .gpu/app-base ]]; then rm -rf $g/base-jars && cp -r .gpu/app-base $g/base-jars; fi
    ln -sfn $g/videos $S/videos
    cp $app/native/* $g/trt/ 2>/dev/null || { mkdir -p $g/trt && cp $app/native/* $g/trt/; }
    nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv | tee $res/gpu.txt ;;
  libcv)
    cp .gpu/libcv/*.jar $app/lib/ && ls $app/lib | grep -E 'opencv|openblas' ;;
  base)
    [[ -d $g/base-jars ]] || { echo "no base jars: carry .gpu/app-base (scripts/gpu/stage-base.sh) with suite.sh install" >&2; exit 2; }
    rm -rf $g/app-base && cp -al $app $g/app-base && rm -f $g/app-base/lib/yolo-*.jar \
      && cp $g/base-jars/*.jar $g/app-base/lib/ && echo "app-base: $(cat $g/base-jars/COMMIT)" ;;
  videos)
    mkdir -p $g/videos && cp .gpu/videos/* $g/videos/ && ls -la $g/videos ;;
  models-s)
    cp .gpu/models-s/yolov8s.onnx $S/models/ && ls -la $S/models ;;
  engines)
    mkdir -p $YOLO_ENGINE_CACHE && cp -p .gpu/engines/* $YOLO_ENGINE_CACHE/ && ls -la $YOLO_ENGINE_CACHE ;;
  build)
    for m in ${MODELS:-n s}; do for p in ${PRECISIONS:-fp16 fp32}; do
      [[ -f $S/models/yolov8$m.onnx ]] || continue
      setsid nohup bash -c "java -Xmx6g -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss \
        -cp '$cp_' dev.yolojava.examples.YoloCli detect --backend tensorrt --model $S/models/yolov8$m.onnx \
        --option tensorrt.precision=$p $(popts $p) --out $res/detect-$m-$p $S/images/dog.jpg > $res/build-$m-$p.log 2>&1; echo \$? > $res/build-$m-$p.rc" \
        </dev/null >/dev/null 2>&1 &
    done; done
    sleep 5; ls $res ;;
  wait)
    end=$((SECONDS + ${2:-500}))
    while (( SECONDS < end )); do
      n=$(ls $res/build-*.log 2>/dev/null | wc -l); done_=$(ls $res/build-*.rc 2>/dev/null | wc -l)
      (( done_ >= n )) && break
      sleep 20
    done
    for f in $res/build-*.log; do echo "== $f rc=$(cat ${f%.log}.rc 2>/dev/null || echo running)"; grep -E 'built in|cache hit|ERROR|Exception|running for' $f | tail -3; done
    ls -la $YOLO_ENGINE_CACHE 2>/dev/null ;;
  test)
    shift; log=$res/gpu-tests${TAG:+-$TAG}.log
    java_ -Dyolo.samples=$S ${LEVEL_OPT:+-Dyolo.test.optimizationLevel=$LEVEL_OPT} ${TEST_PROPS:-} org.junit.platform.console.ConsoleLauncher execute --class-path "$app/test-classes" \
      --include-tag gpu --select-package dev.yolojava.tensorrt --details=tree --disable-banner \
      --reports-dir $res/junit "$@" 2>&1 | tee $log; out $log ;;
  bench)
    shift
    for m in ${MODELS:-n s}; do for p in ${PRECISIONS:-fp16 fp32}; do
      [[ -f $S/models/yolov8$m.onnx ]] || continue
      cli bench --backend tensorrt --model $S/models/yolov8$m.onnx --images $S/images --batch ${BATCHES:-1,4,16,32} \
        --warmup 30 --iterations ${ITER:-200} --option tensorrt.precision=$p $(popts $p) \
        --json $res/bench-$m-$p${TAG:+-$TAG}.json "$@" 2>&1 \
        | grep -v '^\[main\] INFO dev.yolojava.profiler' | tee $res/bench-$m-$p${TAG:+-$TAG}.log
    done; done ;;
  profile)
    cli bench --backend tensorrt --model $S/models/yolov8n.onnx --images $S/images --batch 1 --warmup 50 --iterations 200 \
      --profile-dir $res/profile --json $res/profile-bench.json 2>&1 | tee $res/profile.log
    YOLO_PROFILING_CUPTI_KINDS=kernel,memcpy,memset,sync,correlation cli bench --backend tensorrt \
      --model $S/models/yolov8n.onnx --images $S/images --batch 1,16 --warmup 50 --iterations 200 --no-stages \
      --profile-dir $res/profile-lean --json $res/profile-lean.json 2>&1 | grep -v INFO | tee $res/profile-lean.log
    d=$(ls -d $res/profile/batch1-*/*/ | head -1)
    python3 scripts/check-trace.py "$d" 200 2>&1 | tee $res/trace-check.log
    cp "$d/trace.json" $res/trace-yolov8n-b1.json; cp "$d/summary.txt" $res/profile-summary.txt
    gzip -kf $res/trace-yolov8n-b1.json
    out $res/trace-check.log $res/profile-summary.txt $res/trace-yolov8n-b1.json.gz $res/profile.log ;;
  serve)
    cli bench --backend tensorrt --model $S/models/yolov8n.onnx --images $S/images --batch ${BATCHES:-8,16} --warmup 30 \
      --iterations ${ITER:-100} --clients ${CLIENTS:-32} --json $res/serve.json 2>&1 | grep -v 'INFO' | tee $res/serve.log ;;
  *) echo "usage: suite.sh install|libcv|videos|models-s|engines|build|wait SECS|test|bench|profile|serve"; exit 2 ;;
esac
