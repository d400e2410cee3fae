// Letterbox an 8-bit frame into a float CHW RGB tensor scaled to [0, 1], exactly as
// dev.yolojava.core.preprocess.LetterboxPreprocessor does on the CPU: bilinear with half-pixel centers
// (OpenCV INTER_LINEAR), pad value 114. One thread per output pixel. Interleaved RGB/BGR frames
// (yolo_letterbox) and NV12 frames (yolo_letterbox_nv12) share the geometry (yolo_letterbox_sample).
// Regenerate the PTX with scripts/build-ptx.sh (nvcc -ptx -arch=compute_75).

// Where output pixel (x, y) samples the source: false for padding (written here); else the four bilinear
// neighbours (x0, y0), (x1, y1) and the weights (wx, wy).
__device__ __forceinline__ bool yolo_letterbox_sample(int x, int y, float* __restrict__ dst, int dstW, int dstH,
                                                      int padLeft, int padTop, int rw, int rh, float scaleX,
                                                      float scaleY, int srcW, int srcH, int& x0, int& y0, int& x1,
                                                      int& y1, float& wx, float& wy) {
    const float inv = 1.0f / 255.0f;
    int plane = dstW * dstH;
    int o = y * dstW + x;
    int rx = x - padLeft, ry = y - padTop;
    if (rx < 0 || ry < 0 || rx >= rw || ry >= rh) {
        float pad = 114.0f * inv;
        dst[o] = pad; dst[o + plane] = pad; dst[o + 2 * plane] = pad;
        return false;
    }
    float sx = fmaxf(0.0f, (rx + 0.5f) * scaleX - 0.5f);
    float sy = fmaxf(0.0f, (ry + 0.5f) * scaleY - 0.5f);
    x0 = min((int) sx, srcW - 1); y0 = min((int) sy, srcH - 1);
    x1 = min(x0 + 1, srcW - 1); y1 = min(y0 + 1, srcH - 1);
    wx = sx - x0; wy = sy - y0;
    return true;
}

extern "C" __global__ void yolo_letterbox(const unsigned char* __restrict__ src, int srcW, int srcH, int stride,
                                          int rOff, int bOff, float* __restrict__ dst, int dstW, int dstH,
                                          int padLeft, int padTop, int rw, int rh, float scaleX, float scaleY) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= dstW || y >= dstH) return;
    int x0, y0, x1, y1;
    float wx, wy;
    if (!yolo_letterbox_sample(x, y, dst, dstW, dstH, padLeft, padTop, rw, rh, scaleX, scaleY, srcW, srcH,
                               x0, y0, x1, y1, wx, wy)) return;
    const float inv = 1.0f / 255.0f;
    int plane = dstW * dstH;
    int o = y * dstW + x;
    const unsigned char* r0 = src + (size_t) y0 * stride;
    const unsigned char* r1 = src + (size_t) y1 * stride;
    int a = 3 * x0, b = 3 * x1;
    int offs[3] = {rOff, 1, bOff};
    #pragma unroll
    for (int c = 0; c < 3; c++) {
        int k = offs[c];
        float top = r0[a + k] + (r0[b + k] - (float) r0[a + k]) * wx;
        float bot = r1[a + k] + (r1[b + k] - (float) r1[a + k]) * wx;
        dst[o + c * plane] = (top + (bot - top) * wy) * inv;
    }
}

// NV12 (NVDEC's output: a luma plane, then interleaved Cb/Cr at half resolution) straight into the same
// float CHW RGB letterbox: each of the four bilinear neighbours is converted to RGB (its chroma sample is
// the 2x2 block's, as FFmpeg's scaler takes it by default) and clamped to 0..255 like an 8-bit RGB frame,
// then blended, so the result matches letterboxing the frame after a CPU conversion to RGB up to rounding.
// bt709: BT.709 matrix, else BT.601; fullRange: luma 0..255, else 16..235 (chroma 16..240).
__device__ __forceinline__ void yolo_yuv_to_rgb(float y, float u, float v, int bt709, int fullRange, float rgb[3]) {
    float ys, cs;
    if (fullRange) {
        ys = 1.0f; cs = 1.0f;
    } else {
        y -= 16.0f; ys = 255.0f / 219.0f; cs = 255.0f / 224.0f;
    }
    y *= ys; u = (u - 128.0f) * cs; v = (v - 128.0f) * cs;
    float kr = bt709 ? 0.2126f : 0.299f, kb = bt709 ? 0.0722f : 0.114f, kg = 1.0f - kr - kb;
    float r = y + 2.0f * (1.0f - kr) * v;
    float b = y + 2.0f * (1.0f - kb) * u;
    float g = y - (2.0f * kb * (1.0f - kb) / kg) * u - (2.0f * kr * (1.0f - kr) / kg) * v;
    rgb[0] = fminf(255.0f, fmaxf(0.0f, r));
    rgb[1] = fminf(255.0f, fmaxf(0.0f, g));
    rgb[2] = fminf(255.0f, fmaxf(0.0f, b));
}

__device__ __forceinline__ void yolo_nv12_at(const unsigned char* luma, int lumaStride, const unsigned char* chroma,
                                             int chromaStride, int x, int y, int bt709, int fullRange, float rgb[3]) {
    const unsigned char* uv = chroma + (size_t) (y >> 1) * chromaStride + 2 * (x >> 1);
    yolo_yuv_to_rgb(luma[(size_t) y * lumaStride + x], uv[0], uv[1], bt709, fullRange, rgb);
}

extern "C" __global__ void yolo_letterbox_nv12(const unsigned char* __restrict__ luma, int lumaStride,
                                               const unsigned char* __restrict__ chroma, int chromaStride,
                                               int srcW, int srcH, int bt709, int fullRange,
                                               float* __restrict__ dst, int dstW, int dstH,
                                               int padLeft, int padTop, int rw, int rh, float scaleX, float scaleY) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= dstW || y >= dstH) return;
    int x0, y0, x1, y1;
    float wx, wy;
    if (!yolo_letterbox_sample(x, y, dst, dstW, dstH, padLeft, padTop, rw, rh, scaleX, scaleY, srcW, srcH,
                               x0, y0, x1, y1, wx, wy)) return;
    const float inv = 1.0f / 255.0f;
    int plane = dstW * dstH;
    int o = y * dstW + x;
    float p00[3], p01[3], p10[3], p11[3];
    yolo_nv12_at(luma, lumaStride, chroma, chromaStride, x0, y0, bt709, fullRange, p00);
    yolo_nv12_at(luma, lumaStride, chroma, chromaStride, x1, y0, bt709, fullRange, p01);
    yolo_nv12_at(luma, lumaStride, chroma, chromaStride, x0, y1, bt709, fullRange, p10);
    yolo_nv12_at(luma, lumaStride, chroma, chromaStride, x1, y1, bt709, fullRange, p11);
    #pragma unroll
    for (int c = 0; c < 3; c++) {
        float top = p00[c] + (p01[c] - p00[c]) * wx;
        float bot = p10[c] + (p11[c] - p10[c]) * wx;
        dst[o + c * plane] = (top + (bot - top) * wy) * inv;
    }
}
