package dev.yolojava.core.internal;

import dev.yolojava.profiler.Profiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Threads owned by one detector (or session) that run the per-image work of one batch at once: decoding
 * the batch's JPEGs, post-processing its outputs. Started on first use; a batch waits for all its tasks, so
 * none still writes into a per-position buffer after {@link #runAll} returns, and the first failure in batch
 * order is then thrown as it was. Tasks run inside the caller's profiler range.
 */
public final class ParallelBatch implements AutoCloseable {
    private final int threads;
    private final ThreadFactory factory;
    private final Function<Throwable, RuntimeException> wrap;
    private ExecutorService pool;

    /**
     * @param threads most tasks run at once, {@code >= 1}
     * @param what    what the batch does, for the default thread names {@code yolo-WHAT-N}
     * @param factory makes the threads, or null for those daemon threads
     * @param wrap    turns a task's failure that is not a RuntimeException, or the caller's interruption while
     *                waiting (an {@link InterruptedException}), into the exception to throw
     */
    public ParallelBatch(int threads, String what, ThreadFactory factory, Function<Throwable, RuntimeException> wrap) {
        this.threads = Math.max(1, threads);
        Objects.requireNonNull(what, "what");
        this.wrap = Objects.requireNonNull(wrap, "wrap");
        this.factory = factory != null ? factory : DaemonThreads.named("yolo-" + what);
    }

    /**
     * Runs every task, on the calling thread when there is one task or one thread.
     *
     * @param <T>   what a task returns
     * @param tasks the batch's tasks
     * @return their results, in order
     */
    public synchronized <T> List<T> runAll(List<Callable<T>> tasks) {
        return start(tasks).join();
    }

    /**
     * Tasks started by {@link #start}, running while the caller does other work; {@link #join} waits for them all.
     *
     * @param <T> what a task returns
     */
    public final class Started<T> {
        private final List<Callable<T>> inline;
        private final List<Future<T>> futures;

        private Started(List<Callable<T>> inline, List<Future<T>> futures) {
            this.inline = inline;
            this.futures = futures;
        }

        /**
         * Waits for every task (running a lone task on the calling thread now), then throws the first failure in
         * task order, as {@link #runAll} does.
         *
         * @return their results, in order
         */
        public List<T> join() {
            if (inline != null) {
                List<T> out = new ArrayList<>(inline.size());
                for (Callable<T> t : inline) {
                    out.add(call(t));
                }
                return out;
            }
            return collect(futures);
        }
    }

    /**
     * Starts every task on this batch's threads and returns at once, so that the caller works meanwhile (decodes on
     * the GPU, say); a single task, or a single thread, runs on the caller's thread at {@link Started#join}.
     * Every started batch must be joined before the next {@link #runAll} or {@code start}.
     *
     * @param <T>   what a task returns
     * @param tasks the batch's tasks
     * @return the running tasks
     */
    public synchronized <T> Started<T> start(List<Callable<T>> tasks) {
        if (tasks.size() <= 1 || threads == 1) {
            return new Started<>(List.copyOf(tasks), null);
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, factory);
        }
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(Profiler.wrap(t)));
        }
        return new Started<>(null, futures);
    }

    private <T> List<T> collect(List<Future<T>> futures) {
        List<T> out = new ArrayList<>(futures.size());
        RuntimeException first = null;
        for (Future<T> f : futures) { // wait for every task: none may still write into a buffer after we return
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                out.add(null);
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException re ? re : wrap.apply(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw wrap.apply(e);
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    private <T> T call(Callable<T> t) {
        try {
            return t.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw wrap.apply(e);
        }
    }

    /** Stops the threads; idempotent. */
    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
