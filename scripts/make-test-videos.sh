#!/usr/bin/env bash
# H.264 renditions of vtest.avi for the video benchmarks and GPU tests (NVDEC reads H.264, not vtest's
# MS-MPEG-4): samples/videos/vtest-h264.mp4 (768x576, all 795 frames, 10 fps) and vtest-1080p.mp4
# (1920x1080, 300 frames, 30 fps), encoded with the FFmpeg preset's OpenH264 through JavaCV. Idempotent.
# Run after scripts/fetch-samples.sh and `mvn install -DskipTests` (uses yolo-core's test classes).
set -euo pipefail
cd "$(dirname "$0")/.."
out=samples/videos
[[ -f $out/vtest.avi ]] || { echo "no $out/vtest.avi: run scripts/fetch-samples.sh first" >&2; exit 2; }
if [[ -f $out/vtest-h264.mp4 && -f $out/vtest-1080p.mp4 ]]; then echo "test videos already in $out"; exit 0; fi
cp=$(mvn -q -B -pl yolo-core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
java -cp "yolo-core/target/test-classes:yolo-core/target/classes:$cp" dev.yolojava.core.video.TestVideos "$out/vtest.avi" "$out"
