package dev.yolojava.core.track;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AssignmentTest {

    @Test
    void findsTheCheapestAssignmentAndLeavesPairsOverTheLimitUnmatched() {
        double[] cost = {
            0.9, 0.1, 0.5,
            0.2, 0.3, 0.9,
        };
        assertThat(Assignment.solve(cost, 2, 3, 1.0)).containsExactly(1, 0);
        assertThat(Assignment.solve(new double[]{0.9, 0.95}, 1, 2, 0.8)).containsExactly(-1);
        assertThat(Assignment.solve(new double[0], 0, 3, 0.8)).isEmpty();
        assertThat(Assignment.solve(new double[0], 2, 0, 0.8)).containsExactly(-1, -1);
    }

    @Test
    void matchesBruteForceOnRandomSmallProblems() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + rnd.nextInt(4), cols = 1 + rnd.nextInt(4);
            double limit = 0.3 + rnd.nextDouble() * 0.6;
            double[] cost = new double[rows * cols];
            for (int i = 0; i < cost.length; i++) {
                cost[i] = rnd.nextDouble();
            }
            int[] m = Assignment.solve(cost, rows, cols, limit);
            assertThat(total(cost, cols, m, limit)).as("trial " + trial)
                    .isCloseTo(best(cost, rows, cols, limit, 0, new boolean[cols]), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    /** Cost of an assignment where an unmatched row or column costs the limit. */
    static double total(double[] cost, int cols, int[] m, double limit) {
        int rows = m.length;
        double t = 0;
        boolean[] usedCol = new boolean[cols];
        for (int i = 0; i < rows; i++) {
            if (m[i] >= 0) {
                assertThat(cost[i * cols + m[i]]).isLessThanOrEqualTo(limit);
                assertThat(usedCol[m[i]]).isFalse();
                usedCol[m[i]] = true;
                t += cost[i * cols + m[i]];
            } else {
                t += limit;
            }
        }
        for (boolean u : usedCol) {
            if (!u) {
                t += limit;
            }
        }
        return t;
    }

    static double best(double[] cost, int rows, int cols, double limit, int row, boolean[] used) {
        if (row == rows) {
            double t = 0;
            for (boolean u : used) {
                if (!u) {
                    t += limit;
                }
            }
            return t;
        }
        double b = limit + best(cost, rows, cols, limit, row + 1, used);
        for (int j = 0; j < cols; j++) {
            if (!used[j] && cost[row * cols + j] <= limit) {
                used[j] = true;
                b = Math.min(b, cost[row * cols + j] + best(cost, rows, cols, limit, row + 1, used));
                used[j] = false;
            }
        }
        return b;
    }
}
