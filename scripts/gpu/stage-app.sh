#!/usr/bin/env bash
# Prepares .gpu/app (what the GPU machine runs: jars, GPU test classes, JUnit launcher), .gpu/libcv
# (OpenCV + OpenBLAS, the CPU image decoder) and .gpu/models-s (yolov8s), each carried in a call of its
# own. Run after `mvn install -DskipTests`.
# ONNX Runtime's jar is cut down to its linux-x64 library so the app fits one call.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
app=.gpu/app
rm -rf "$app" .gpu/models-s && mkdir -p "$app/lib" "$app/samples/models" "$app/samples/images" .gpu/models-s
mvn -q -B dependency:copy-dependencies -pl yolo-examples -DincludeScope=runtime -DoutputDirectory="$root/$app/lib"
mvn -q -B dependency:copy-dependencies -pl yolo-tensorrt -DincludeScope=test -DoutputDirectory="$root/$app/lib"
mvn -q -B dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.13.4 -DoutputDirectory="$root/$app/lib"
cp yolo-examples/target/yolo-examples-*[0-9T].jar "$app/lib/"
rm -f "$app"/lib/*-tests.jar.orig "$app"/lib/byte-buddy-*.jar   # assertj runs without it (no soft-assertion proxies)
cp -r yolo-tensorrt/target/test-classes "$app/test-classes"
# OpenCV (the CPU image decoder): only the core, imgproc and imgcodecs natives; OpenBLAS as it is, less its Python and headers
python3 - "$app"/lib/opencv-*-linux-x86_64.jar '^lib(jni)?opencv_(core|imgproc|imgcodecs)\b' \
  "$app"/lib/openblas-*-linux-x86_64.jar '^lib(openblas\.so|jniopenblas(_nolapack)?\.so|gfortran|quadmath|gcc_s)' <<'PY'
import sys, zipfile, os, re
args = sys.argv[1:]
for src, keep in zip(args[0::2], args[1::2]):
    keep = re.compile(keep); dst = src + ".tmp"
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for item in zi.infolist():
            n = item.filename; base = n.rsplit('/', 1)[-1]
            native = '/linux-x86_64/' in n and (base.endswith('.so') or '.so.' in base or any(
                d in n for d in ('/python/', '/lib/cmake', '/include/', '/share/', '/bin/')))
            if native and not keep.search(base):
                continue
            zo.writestr(item, zi.read(n))
    os.replace(dst, src)
PY
# OpenCV, OpenBLAS, FFmpeg and JavaCV travel in a call of their own (.gpu/libcv): the app alone then fits one call
rm -rf .gpu/libcv && mkdir -p .gpu/libcv && mv "$app"/lib/opencv-*.jar "$app"/lib/openblas-*.jar "$app"/lib/ffmpeg-*.jar \
  "$app"/lib/javacv-*.jar .gpu/libcv/
ort=$(ls "$app"/lib/onnxruntime-*.jar)
python3 - "$ort" <<'PY'
import sys, zipfile, os
src = sys.argv[1]; dst = src + ".tmp"
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for item in zi.infolist():
        n = item.filename
        if n.startswith("ai/onnxruntime/native/") and not n.startswith("ai/onnxruntime/native/linux-x64/"):
            continue
        if n.startswith("_manifest/"):
            continue
        zo.writestr(item, zi.read(n))
os.replace(dst, src)
PY
# junit-jupiter/assertj come in through the test scope; slf4j-simple is the runtime logger
# the JRE's JPEG reader needs libjpeg and lcms2, which the GPU machine's image lacks
mkdir -p "$app/native"
for l in libjpeg.so.62 liblcms2.so.2; do cp -L "/usr/lib/x86_64-linux-gnu/$l" "$app/native/"; done
# engines built on an earlier GPU run (scripts/gpu/suite.sh brings them back), to skip rebuilding
rm -rf .gpu/engines && mkdir -p .gpu/engines
cp ~/.cache/yolo-gpu-stage/engines/* .gpu/engines/ 2>/dev/null || true
# the H100 timing cache shared beside the checkout, if there and not already here; its prebuilt level-3 engine only
# with STAGE_SHARED_ENGINES=1 (the level-4 default has its own engine, and .gpu/engines travels with the JRE and
# the videos in one call of at most 64 MiB)
cp -n "$root"/../shared/gpu/engines/timing-* .gpu/engines/ 2>/dev/null || true
[[ ${STAGE_SHARED_ENGINES:-0} == 1 ]] && cp -n "$root"/../shared/gpu/engines/*.engine* .gpu/engines/ 2>/dev/null || true
cp samples/models/yolov8n.onnx "$app/samples/models/"
cp samples/images/*.jpg "$app/samples/images/"
cp samples/models/yolov8s.onnx .gpu/models-s/
# H.264 renditions of vtest for the video benchmarks and NVDEC tests, carried with the JRE (suite.sh videos)
bash scripts/make-test-videos.sh
rm -rf .gpu/videos && mkdir -p .gpu/videos && cp samples/videos/vtest-h264.mp4 samples/videos/vtest-1080p.mp4 .gpu/videos/
du -sh "$app" .gpu/libcv .gpu/models-s .gpu/engines .gpu/videos
carried=$(du -scm .gpu/jre .gpu/engines .gpu/videos .gpu/boot | tail -1 | cut -f1)
(( carried > 56 )) && echo "stage-app: .gpu/jre + engines + videos = ${carried} MiB: with the tree that may pass the 64 MiB a call carries; drop engines of other cards from ~/.cache/yolo-gpu-stage/engines" >&2
true
