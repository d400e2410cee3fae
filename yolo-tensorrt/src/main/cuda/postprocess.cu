// Decode + NMS of a YOLOv8 / YOLO11 head [B, 4 + C, N] on the GPU, so only the kept boxes leave
// the device. Same results as dev.yolojava.core.decode.Yolov8Decoder + core.nms.NonMaxSuppression:
//  - decode: per anchor the first class with the highest score >= conf (strict > between classes),
//    dropped when its score <= 0 or its class is filtered out; box corners from cx, cy, w / 2, h / 2;
//  - order: score descending, ties by anchor (= the CPU's decode order);
//  - NMS: greedy, a kept box removes later boxes of its class (any class when agnostic) whose IoU
//    with it exceeds the threshold (same IoU formula), at most maxDet kept.
// Built with --fmad=false so the IoU arithmetic rounds like Java's. Regenerate with scripts/build-ptx.sh.

#define YOLO_NMS_CAPACITY 4096

// One thread per anchor; blockIdx.y = image. boxes: [B][N][6] (x1, y1, x2, y2, score, class),
// written only for candidates; keys: [B][cap] sort keys; count: [B], zeroed before the launch.
extern "C" __global__ void __launch_bounds__(256) yolo_decode_v8(const float* __restrict__ out, int numClasses, int anchors, float conf,
                                          const unsigned char* __restrict__ classMask, float* __restrict__ boxes,
                                          unsigned long long* __restrict__ keys, unsigned int* __restrict__ count,
                                          int cap) {
    int a = blockIdx.x * blockDim.x + threadIdx.x;
    int b = blockIdx.y;
    if (a >= anchors) return;
    const float* p = out + (size_t) b * (4 + numClasses) * anchors;
    float best = 0.0f;
    int cls = -1;
    for (int c = 0; c < numClasses; c++) {
        float s = p[(size_t) (4 + c) * anchors + a];
        if (s >= conf && (cls < 0 || s > best)) {
            best = s;
            cls = c;
        }
    }
    if (cls < 0 || best <= 0.0f || (classMask != 0 && classMask[cls] == 0)) return;
    float cx = p[a], cy = p[anchors + a];
    float hw = p[2 * anchors + a] / 2.0f, hh = p[3 * anchors + a] / 2.0f;
    float* box = boxes + ((size_t) b * anchors + a) * 6;
    box[0] = cx - hw; box[1] = cy - hh; box[2] = cx + hw; box[3] = cy + hh;
    box[4] = best; box[5] = (float) cls;
    unsigned int slot = atomicAdd(count + b, 1u);
    if (slot < (unsigned int) cap) {
        // ascending order = score descending (complemented IEEE bits of a positive float), then anchor
        keys[(size_t) b * cap + slot] = ((unsigned long long) (~__float_as_uint(best)) << 32) | (unsigned int) a;
    }
}

__device__ __forceinline__ float yolo_iou(const float* a, const float* b) {
    float iw = fminf(a[2], b[2]) - fmaxf(a[0], b[0]);
    float ih = fminf(a[3], b[3]) - fmaxf(a[1], b[1]);
    if (iw <= 0.0f || ih <= 0.0f) return 0.0f;
    float inter = iw * ih;
    float areaA = (a[2] - a[0]) * (a[3] - a[1]);
    float areaB = (b[2] - b[0]) * (b[3] - b[1]);
    float uni = areaA + areaB - inter;
    return uni <= 0.0f ? 0.0f : inter / uni;
}

// One block per image, YOLO_NMS_THREADS threads. result: [B][2 + maxDet * 6]: kept count and candidate count (as
// int bits), then the kept boxes best first; it may be host memory mapped into the device (page-locked), written
// straight over the bus so no copy follows. When the candidates exceed cap, nothing is kept and the count says so:
// the host then decodes that image's raw output itself. The kernel zeroes count[b] once every thread has read it,
// so the next call's decode starts from zero without a memset of its own.
#define YOLO_NMS_THREADS 1024
#define YOLO_NMS_OWNED (YOLO_NMS_CAPACITY / YOLO_NMS_THREADS)

// The first index at or after i whose flag is 0 (n when none): 8 flags per 64-bit read (flags are 0 or 1).
__device__ __forceinline__ int yolo_next_kept(const unsigned long long* __restrict__ flagWords, int i, int n) {
    while (i < n) {
        unsigned long long w = flagWords[i >> 3];
        unsigned long long open = ~w & 0x0101010101010101ull;          // low bit of each byte whose flag is 0
        open &= ~0ull << ((i & 7) * 8);                                 // bytes before i are behind us
        if (open != 0ull) {
            int j = (i & ~7) + (__ffsll((long long) open) - 1) / 8;
            return j < n ? j : n;
        }
        i = (i & ~7) + 8;
    }
    return n;
}

extern "C" __global__ void __launch_bounds__(YOLO_NMS_THREADS) yolo_nms(const float* __restrict__ boxes,
                                    const unsigned long long* __restrict__ keys, unsigned int* __restrict__ count,
                                    int anchors, int cap, float iouThreshold, int maxDet, int agnostic,
                                    float* __restrict__ result) {
    __shared__ unsigned long long sorted[YOLO_NMS_CAPACITY];
    __shared__ unsigned long long removedWords[YOLO_NMS_CAPACITY / 8];
    unsigned char* removed = (unsigned char*) removedWords;
    int b = blockIdx.x, tid = threadIdx.x, nt = blockDim.x;
    unsigned int total = count[b];
    __syncthreads();                              // every thread has its count before it is reset
    if (tid == 0) count[b] = 0u;
    float* res = result + (size_t) b * (2 + maxDet * 6);
    if (total > (unsigned int) cap || cap > YOLO_NMS_CAPACITY || nt != YOLO_NMS_THREADS) {
        if (tid == 0) {                           // a wrong launch reads as an overflow too: the host decodes
            res[0] = __int_as_float(0);
            res[1] = __int_as_float(total > (unsigned int) cap ? (int) total : YOLO_NMS_CAPACITY + 1);
        }
        return;
    }
    int n = (int) total;
    int n2 = 1;
    while (n2 < n) n2 <<= 1;
    for (int i = tid; i < n2; i += nt) {
        sorted[i] = i < n ? keys[(size_t) b * cap + i] : ~0ull;
    }
    for (int i = tid; i < (n2 + 7) / 8; i += nt) {
        removedWords[i] = 0ull;
    }
    __syncthreads();
    for (int k = 2; k <= n2; k <<= 1) {           // bitonic sort, ascending
        for (int j = k >> 1; j > 0; j >>= 1) {
            for (int i = tid; i < n2; i += nt) {
                int ixj = i ^ j;
                if (ixj > i) {
                    unsigned long long x = sorted[i], y = sorted[ixj];
                    bool ascending = (i & k) == 0;
                    if ((x > y) == ascending) {
                        sorted[i] = y;
                        sorted[ixj] = x;
                    }
                }
            }
            __syncthreads();
        }
    }
    const float* img = boxes + (size_t) b * anchors * 6;
    // this thread's first candidate (sorted index tid), held in registers: it is compared with every kept box
    float own[6];
    if (tid < n) {
        const float* o = img + (size_t) (sorted[tid] & 0xffffffffull) * 6;
        #pragma unroll
        for (int q = 0; q < 6; q++) own[q] = o[q];
    }
    int kept = 0;
    for (int i = yolo_next_kept(removedWords, 0, n); i < n && kept < maxDet; i = yolo_next_kept(removedWords, i + 1, n)) {
        const float* bi = img + (size_t) (sorted[i] & 0xffffffffull) * 6;   // uniform: after the last barrier
        float cur[6];
        #pragma unroll
        for (int q = 0; q < 6; q++) cur[q] = bi[q];
        if (tid == 0) {
            float* o = res + 2 + kept * 6;
            #pragma unroll
            for (int q = 0; q < 6; q++) o[q] = cur[q];
        }
        kept++;
        #pragma unroll
        for (int k = 0; k < YOLO_NMS_OWNED; k++) {
            int j = tid + k * YOLO_NMS_THREADS;
            if (j <= i || j >= n || removed[j]) continue;
            const float* bj = own;
            float other[6];
            if (k > 0) {
                const float* g = img + (size_t) (sorted[j] & 0xffffffffull) * 6;
                #pragma unroll
                for (int q = 0; q < 6; q++) other[q] = g[q];
                bj = other;
            }
            if ((agnostic || bj[5] == cur[5]) && yolo_iou(cur, bj) > iouThreshold) removed[j] = 1;
        }
        __syncthreads();
    }
    if (tid == 0) {
        res[0] = __int_as_float(kept);
        res[1] = __int_as_float(n);
    }
}
