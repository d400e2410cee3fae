#!/usr/bin/env bash
# Regenerates the PTX of the GPU kernels shipped in yolo-tensorrt's resources (letterbox, decode + NMS).
# compute_75 PTX is JIT-compiled by the driver for any GPU from Turing on. nvcc 13 stamps its PTX
# with ISA 9.0, which only CUDA 13-generation drivers (580+) load; the CUDA 12.6 runtime the project
# ships runs on drivers from R525 on, whose JIT reads PTX ISA up to 8.0. So the header is lowered to
# PTX_ISA (default 8.0) and ptxas then assembles the result for every target from sm_75 to sm_90:
# ptxas rejects an instruction newer than the ISA the file declares, so a kernel that needs a newer
# ISA fails here instead of on a user's driver. Run after editing a .cu file; commit both.
# The post-processing kernels are built with --fmad=false so their IoU rounds like Java's floats.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
nvcc=${NVCC:-/usr/local/cuda/bin/nvcc}
ptxas=${PTXAS:-$(dirname "$nvcc")/ptxas}
isa=${PTX_ISA:-8.0}
src=$root/yolo-tensorrt/src/main/cuda
dst=$root/yolo-tensorrt/src/main/resources/dev/yolojava/tensorrt
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
build() { # name extra-nvcc-flags...
  local name=$1; shift
  "$nvcc" -ptx -arch=compute_75 -O3 "$@" -o "$tmp/$name.ptx" "$src/$name.cu"
  sed -i -E "s/^\.version [0-9]+\.[0-9]+$/.version $isa/" "$tmp/$name.ptx"
  grep -qx ".version $isa" "$tmp/$name.ptx" || { echo "build-ptx: no .version line in $name.ptx" >&2; exit 1; }
  for arch in sm_75 sm_80 sm_86 sm_89 sm_90; do
    "$ptxas" -arch=$arch -o "$tmp/$name-$arch.cubin" "$tmp/$name.ptx" \
      || { echo "build-ptx: $name.ptx is not valid PTX ISA $isa for $arch" >&2; exit 1; }
  done
  cp "$tmp/$name.ptx" "$dst/$name.ptx"
}
build letterbox
build postprocess --fmad=false
echo "build-ptx: wrote letterbox.ptx and postprocess.ptx (PTX ISA $isa, checked by ptxas for sm_75..sm_90)" \
  "under yolo-tensorrt/src/main/resources/dev/yolojava/tensorrt"
