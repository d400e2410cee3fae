#!/usr/bin/env bash
# Builds the payload that a run on the GPU machine needs, under .gpu/ in the project
# checkout (keep .gpu/ ignored). The GPU machine has CUDA 13.0, nvcc and python3 but no Java
# and no TensorRT, and each run there carries at most 64 MiB, so the payload comes in parts:
#   .gpu/boot/    the unpack script and checksums (tiny: carry it on every run)
#   .gpu/jre/     a Java runtime, jlink of the JDK here, xz-compressed         (~18 MB)
#   .gpu/trt-N/   one part each of the TensorRT native libraries, xz-compressed  (<= 58 MiB each)
# Carry .gpu/boot + .gpu/jre (+ your app's jars) on the first run, .gpu/boot + .gpu/trt-1 on the next, and so on, each
# run within the machine's warm window (30 s after the previous one ended). Every command
# starts with `bash .gpu/boot/unpack.sh` (idempotent): it unpacks what has arrived into
# /tmp/gpu and prints what is still missing. Then: source /tmp/gpu/env.sh
# Usage: ../shared/gpu/stage.sh [TENSORRT_PRESET_VERSION]   (default 10.6-1.5.11)
# 10.6-1.5.11 is the newest TensorRT preset whose redist carries the full builder resource (engine
# builds work on Hopper); with it come CUDA 12.6 runtime, CUPTI and NVTX libraries from the
# matching cuda redist, since the GPU machine has only CUDA 13. 11.2-1.5.14 stages only
# the runtime (its builder fails on sm_90: the sm90 builder resource is not in its redist).
# The first run on a machine compresses ~1.7 GB (xz -2 by default, ~7 min on 2 cores; XZ_LEVEL=6 gives
# fewer parts in ~25 min); the result is cached.
set -euo pipefail
ver=${1:-10.6-1.5.11}
case $ver in 10.6-1.5.11) cuda=12.6-9.5-1.5.11 ;; *) cuda= ;; esac
root=$(git rev-parse --show-toplevel)
out=$root/.gpu
cache=${XDG_CACHE_HOME:-$HOME/.cache}/yolo-gpu-stage/$ver
mkdir -p "$out/boot" "$out/jre" "$cache"
mkdir -p "$root/.git/info"  # fix: a fresh checkout may lack .git/info
grep -qx '/.gpu/' "$root/.git/info/exclude" 2>/dev/null || echo '/.gpu/' >> "$root/.git/info/exclude"

if [[ ! -f $out/jre/jre.tar.xz ]]; then
  tmp=$(mktemp -d)
  jlink --add-modules java.se,jdk.unsupported,jdk.management,jdk.jfr,jdk.crypto.ec,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --output "$tmp/jre"
  tar -C "$tmp" -cf - jre | xz -9 -T2 > "$out/jre/jre.tar.xz"
  rm -rf "$tmp"
fi

if [[ ! -f $cache/trt.tar.xz ]]; then
  jar=$HOME/.m2/repository/org/bytedeco/tensorrt/$ver/tensorrt-$ver-linux-x86_64-redist.jar
  [[ -f $jar ]] || mvn -q dependency:get -Dartifact=org.bytedeco:tensorrt:$ver:jar:linux-x86_64-redist -Dtransitive=false
  tmp=$(mktemp -d)
  (cd "$tmp" && unzip -q "$jar" 'org/bytedeco/tensorrt/linux-x86_64/*' -x '*builder_resource_ptx*')
  # the PTX builder resource only serves GPUs that TensorRT has no compiled kernels for
  if [[ -n $cuda ]]; then
    cjar=$HOME/.m2/repository/org/bytedeco/cuda/$cuda/cuda-$cuda-linux-x86_64-redist.jar
    [[ -f $cjar ]] || mvn -q dependency:get -Dartifact=org.bytedeco:cuda:$cuda:jar:linux-x86_64-redist -Dtransitive=false
    (cd "$tmp" && unzip -q -j "$cjar" 'org/bytedeco/cuda/linux-x86_64/libcudart.so.*' 'org/bytedeco/cuda/linux-x86_64/libcupti.so.*' \
      'org/bytedeco/cuda/linux-x86_64/libnvToolsExt.so.*' 'org/bytedeco/cuda/linux-x86_64/libnvjpeg.so.*' \
      -d org/bytedeco/tensorrt/linux-x86_64)
  fi
  tar -C "$tmp/org/bytedeco/tensorrt/linux-x86_64" -cf - . | xz -${XZ_LEVEL:-2} -T2 > "$cache/trt.tar.xz.tmp"
  mv "$cache/trt.tar.xz.tmp" "$cache/trt.tar.xz"
  rm -rf "$tmp"
fi
rm -rf "$out"/trt-*
(cd "$cache" && rm -f part-* && split -b 58m -d -a 2 trt.tar.xz part-)
n=0
for p in "$cache"/part-*; do n=$((n+1)); mkdir -p "$out/trt-$n"; cp "$p" "$out/trt-$n/"; done
sha256sum "$cache/trt.tar.xz" | cut -d' ' -f1 > "$out/boot/trt.sha256"
echo "$n" > "$out/boot/trt.parts"
cp "$(dirname "$0")/unpack.sh" "$out/boot/unpack.sh"
echo "staged: .gpu/boot, .gpu/jre ($(du -sh "$out/jre" | cut -f1)) and $n TensorRT parts .gpu/trt-1..$n"
