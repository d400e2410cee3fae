package dev.yolojava.core.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch's decodes run at once, results keep batch order, and a failure waits for the rest. */
class ParallelBatchTest {

    static ParallelBatch pool(int threads) {
        return new ParallelBatch(threads, "test", null, IllegalStateException::new);
    }

    @Test
    void aBatchsTasksRunAtOnceAndKeepTheirOrder() {
        CountDownLatch all = new CountDownLatch(3); // completes only if the three run concurrently
        Callable<Integer> t1 = () -> meet(all, 1), t2 = () -> meet(all, 2), t3 = () -> meet(all, 3);
        try (ParallelBatch pool = pool(3)) {
            assertThat(pool.runAll(List.of(t1, t2, t3))).containsExactly(1, 2, 3);
        }
    }

    private static int meet(CountDownLatch l, int v) throws InterruptedException {
        l.countDown();
        if (!l.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("task " + v + " ran alone");
        }
        return v;
    }

    @Test
    void theFirstFailureInBatchOrderIsThrownAfterEveryTaskFinished() {
        AtomicInteger finished = new AtomicInteger();
        Callable<Integer> slow = () -> {
            Thread.sleep(200);
            finished.incrementAndGet();
            return 0;
        };
        Callable<Integer> bad1 = () -> {
            throw new IllegalArgumentException("image 1 is truncated");
        };
        Callable<Integer> bad2 = () -> {
            throw new IllegalArgumentException("image 2 is not a JPEG");
        };
        try (ParallelBatch pool = pool(4)) {
            assertThatThrownBy(() -> pool.runAll(List.of(slow, bad1, bad2))).hasMessage("image 1 is truncated");
            assertThat(finished.get()).as("the slow task finished before the call returned").isEqualTo(1);
            assertThat(pool.runAll(List.of(() -> 7, () -> 8))).as("usable afterwards").containsExactly(7, 8);
        }
    }

    @Test
    void oneTaskOrOneThreadRunsOnTheCaller() {
        Thread caller = Thread.currentThread();
        try (ParallelBatch pool = pool(1)) {
            assertThat(pool.runAll(List.of(() -> Thread.currentThread() == caller, () -> Thread.currentThread() == caller)))
                    .containsExactly(true, true);
        }
    }

    @Test
    void startedTasksRunWhileTheCallerWorksAndJoinGivesTheirResultsInOrder() throws Exception {
        CountDownLatch callerWorking = new CountDownLatch(1);
        CountDownLatch tasksRan = new CountDownLatch(2);
        Callable<Integer> a = () -> {
            tasksRan.countDown();
            return 1;
        };
        Callable<Integer> b = () -> {
            tasksRan.countDown();
            assertThat(callerWorking.await(10, TimeUnit.SECONDS)).isTrue();
            return 2;
        };
        try (ParallelBatch pool = pool(2)) {
            ParallelBatch.Started<Integer> started = pool.start(List.of(a, b));
            assertThat(tasksRan.await(10, TimeUnit.SECONDS)).as("both ran before join").isTrue();
            callerWorking.countDown(); // the caller's own work (a GPU decode, say) done
            assertThat(started.join()).containsExactly(1, 2);
            Thread caller = Thread.currentThread();
            assertThat(pool.start(List.<Callable<Boolean>>of(() -> Thread.currentThread() == caller)).join())
                    .as("a lone task runs on the caller at join").containsExactly(true);
        }
    }
}
