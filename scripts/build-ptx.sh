#!/usr/bin/env bash
# Regenerates the PTX of the GPU letterbox kernel shipped in yolo-tensorrt's resources.
# compute_75 PTX is JIT-compiled by the driver for any GPU from Turing on; PTX ISA 9.0 (nvcc 13)
# needs a driver of the CUDA 13 generation (580+). Run after editing letterbox.cu; commit both.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
nvcc=${NVCC:-/usr/local/cuda/bin/nvcc}
"$nvcc" -ptx -arch=compute_75 -O3 -o "$root/yolo-tensorrt/src/main/resources/dev/yolojava/tensorrt/letterbox.ptx" \
  "$root/yolo-tensorrt/src/main/cuda/letterbox.cu"
echo "build-ptx: wrote yolo-tensorrt/src/main/resources/dev/yolojava/tensorrt/letterbox.ptx"
