package dev.yolojava.core.track;

/**
 * The constant-velocity Kalman filter ByteTrack (and Ultralytics' port of it) runs per track, over the box
 * centre, aspect ratio and height {@code (cx, cy, a, h)} and their velocities: 8 states, 4 measured. The
 * noise scales with the box height (1/20 for positions, 1/160 for velocities), so it is independent of
 * image size.
 */
final class KalmanBoxFilter {
    private static final double POS = 1.0 / 20, VEL = 1.0 / 160;
    /** State {@code cx, cy, a, h, vcx, vcy, va, vh}. */
    final double[] mean = new double[8];
    /** 8 x 8 covariance, row-major. */
    final double[] cov = new double[64];

    /** Starts from a first measurement {@code (cx, cy, a, h)}, velocities zero. */
    KalmanBoxFilter(double cx, double cy, double a, double h) {
        mean[0] = cx;
        mean[1] = cy;
        mean[2] = a;
        mean[3] = h;
        double[] std = {2 * POS * h, 2 * POS * h, 1e-2, 2 * POS * h, 10 * VEL * h, 10 * VEL * h, 1e-5, 10 * VEL * h};
        for (int i = 0; i < 8; i++) {
            cov[i * 8 + i] = std[i] * std[i];
        }
    }

    /** Advances one frame: x += v, P = F P F' + Q. */
    void predict() {
        double h = mean[3];
        double[] std = {POS * h, POS * h, 1e-2, POS * h, VEL * h, VEL * h, 1e-5, VEL * h};
        for (int i = 0; i < 4; i++) {
            mean[i] += mean[i + 4];
        }
        // F P F' with F = [I I; 0 I]
        double[] fp = new double[64];
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                fp[r * 8 + c] = cov[r * 8 + c] + (r < 4 ? cov[(r + 4) * 8 + c] : 0);
            }
        }
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                cov[r * 8 + c] = fp[r * 8 + c] + (c < 4 ? fp[r * 8 + c + 4] : 0);
            }
        }
        for (int i = 0; i < 8; i++) {
            cov[i * 8 + i] += std[i] * std[i];
        }
    }

    /** Corrects with a measurement {@code (cx, cy, a, h)}. */
    void update(double cx, double cy, double a, double h) {
        double hh = mean[3];
        double[] r = {POS * hh, POS * hh, 1e-1, POS * hh};
        // S = H P H' + R (the top-left 4 x 4 of P), K = P H' S^-1 (8 x 4)
        double[] s = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                s[i * 4 + j] = cov[i * 8 + j] + (i == j ? r[i] * r[i] : 0);
            }
        }
        double[] sInv = invert4(s);
        double[] k = new double[32];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                double v = 0;
                for (int m = 0; m < 4; m++) {
                    v += cov[i * 8 + m] * sInv[m * 4 + j];
                }
                k[i * 4 + j] = v;
            }
        }
        double[] innovation = {cx - mean[0], cy - mean[1], a - mean[2], h - mean[3]};
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 4; j++) {
                mean[i] += k[i * 4 + j] * innovation[j];
            }
        }
        // P = P - K H P (H P is the top 4 rows of P)
        double[] next = cov.clone();
        for (int i = 0; i < 8; i++) {
            for (int c = 0; c < 8; c++) {
                double v = 0;
                for (int j = 0; j < 4; j++) {
                    v += k[i * 4 + j] * cov[j * 8 + c];
                }
                next[i * 8 + c] -= v;
            }
        }
        System.arraycopy(next, 0, cov, 0, 64);
    }

    /** Gauss-Jordan inverse of a 4 x 4 matrix (S is symmetric positive definite here). */
    static double[] invert4(double[] m) {
        double[] a = m.clone(), inv = new double[16];
        for (int i = 0; i < 4; i++) {
            inv[i * 4 + i] = 1;
        }
        for (int col = 0; col < 4; col++) {
            int pivot = col;
            for (int r = col + 1; r < 4; r++) {
                if (Math.abs(a[r * 4 + col]) > Math.abs(a[pivot * 4 + col])) {
                    pivot = r;
                }
            }
            for (int c = 0; c < 4; c++) {
                double t = a[col * 4 + c];
                a[col * 4 + c] = a[pivot * 4 + c];
                a[pivot * 4 + c] = t;
                t = inv[col * 4 + c];
                inv[col * 4 + c] = inv[pivot * 4 + c];
                inv[pivot * 4 + c] = t;
            }
            double d = a[col * 4 + col];
            for (int c = 0; c < 4; c++) {
                a[col * 4 + c] /= d;
                inv[col * 4 + c] /= d;
            }
            for (int r = 0; r < 4; r++) {
                if (r != col) {
                    double f = a[r * 4 + col];
                    for (int c = 0; c < 4; c++) {
                        a[r * 4 + c] -= f * a[col * 4 + c];
                        inv[r * 4 + c] -= f * inv[col * 4 + c];
                    }
                }
            }
        }
        return inv;
    }
}
