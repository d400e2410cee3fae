#!/usr/bin/env bash
# Regenerates the PTX of the GPU kernels shipped in yolo-tensorrt's resources (letterbox, decode + NMS).
# compute_75 PTX is JIT-compiled by the driver for any GPU from Turing on; PTX ISA 9.0 (nvcc 13)
# needs a driver of the CUDA 13 generation (580+). Run after editing a .cu file; commit both.
# The post-processing kernels are built with --fmad=false so their IoU rounds like Java's floats.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
nvcc=${NVCC:-/usr/local/cuda/bin/nvcc}
src=$root/yolo-tensorrt/src/main/cuda
dst=$root/yolo-tensorrt/src/main/resources/dev/yolojava/tensorrt
"$nvcc" -ptx -arch=compute_75 -O3 -o "$dst/letterbox.ptx" "$src/letterbox.cu"
"$nvcc" -ptx -arch=compute_75 -O3 --fmad=false -o "$dst/postprocess.ptx" "$src/postprocess.cu"
echo "build-ptx: wrote letterbox.ptx and postprocess.ptx under yolo-tensorrt/src/main/resources/dev/yolojava/tensorrt"
