// Letterbox an interleaved 8-bit RGB/BGR frame into a float CHW RGB tensor scaled to [0, 1],
// exactly as dev.yolojava.core.preprocess.LetterboxPreprocessor does on the CPU: bilinear with
// half-pixel centers (OpenCV INTER_LINEAR), pad value 114. One thread per output pixel.
// Regenerate the PTX with scripts/build-ptx.sh (nvcc -ptx -arch=compute_75).
extern "C" __global__ void yolo_letterbox(const unsigned char* __restrict__ src, int srcW, int srcH, int stride,
                                          int rOff, int bOff, float* __restrict__ dst, int dstW, int dstH,
                                          int padLeft, int padTop, int rw, int rh, float scaleX, float scaleY) {
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= dstW || y >= dstH) return;
    const float inv = 1.0f / 255.0f;
    int plane = dstW * dstH;
    int o = y * dstW + x;
    int rx = x - padLeft, ry = y - padTop;
    if (rx < 0 || ry < 0 || rx >= rw || ry >= rh) {
        float pad = 114.0f * inv;
        dst[o] = pad; dst[o + plane] = pad; dst[o + 2 * plane] = pad;
        return;
    }
    float sx = fmaxf(0.0f, (rx + 0.5f) * scaleX - 0.5f);
    float sy = fmaxf(0.0f, (ry + 0.5f) * scaleY - 0.5f);
    int x0 = min((int) sx, srcW - 1), y0 = min((int) sy, srcH - 1);
    int x1 = min(x0 + 1, srcW - 1), y1 = min(y0 + 1, srcH - 1);
    float wx = sx - x0, wy = sy - y0;
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
