package dev.yolojava.core.track;

import java.util.Arrays;

/**
 * Minimum-cost assignment of rows to columns (the Hungarian method, O(n^3)) with a cost limit: pairs
 * costing more than the limit are never matched, as {@code lap.lapjv(cost, cost_limit=...)} does in
 * ByteTrack.
 */
final class Assignment {
    private Assignment() {
    }

    /**
     * @param cost  {@code rows x cols} costs, row-major
     * @param rows  number of rows
     * @param cols  number of columns
     * @param limit largest cost a match may have
     * @return for each row, its column or -1
     */
    static int[] solve(double[] cost, int rows, int cols, double limit) {
        int[] match = new int[rows];
        Arrays.fill(match, -1);
        if (rows == 0 || cols == 0) {
            return match;
        }
        // square problem of size n: real pairs over the limit cost "big", padding pairs cost "limit"
        // (leaving an item unmatched is then always at least as good as a pair over the limit)
        int n = rows + cols;
        double big = limit * 4 + 1e6;
        double[][] a = new double[n + 1][n + 1];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                boolean realRow = i <= rows, realCol = j <= cols;
                if (realRow && realCol) {
                    double c = cost[(i - 1) * cols + (j - 1)];
                    a[i][j] = c > limit ? big : c;
                } else if (realRow || realCol) {
                    a[i][j] = limit;
                } else {
                    a[i][j] = 0;
                }
            }
        }
        double[] u = new double[n + 1], v = new double[n + 1];
        int[] p = new int[n + 1], way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = a[i0][j] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        for (int j = 1; j <= n; j++) {
            int i = p[j];
            if (i >= 1 && i <= rows && j <= cols && cost[(i - 1) * cols + (j - 1)] <= limit) {
                match[i - 1] = j - 1;
            }
        }
        return match;
    }
}
