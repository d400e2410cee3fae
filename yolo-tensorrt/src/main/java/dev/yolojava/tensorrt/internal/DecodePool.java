package dev.yolojava.tensorrt.internal;

import dev.yolojava.profiler.Profiler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that decode the images of one batch on the CPU at once (JPEG decoding is Huffman-bound and runs on
 * one core per image), started on first use and owned by one detector. A batch waits for all its images;
 * the first failure (in batch order) is then thrown as it was, naming its input.
 */
final class DecodePool implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final int threads;
    private ExecutorService pool;

    /**
     * @param threads most images decoded at once, {@code >= 1}
     */
    DecodePool(int threads) {
        this.threads = Math.max(1, threads);
    }

    /**
     * Runs every task, on the calling thread when there is one task or one thread.
     *
     * @return their results, in order
     */
    synchronized <T> List<T> runAll(List<Callable<T>> tasks) {
        List<T> out = new ArrayList<>(tasks.size());
        if (tasks.size() <= 1 || threads == 1) {
            for (Callable<T> t : tasks) {
                out.add(call(t));
            }
            return out;
        }
        if (pool == null) {
            int id = POOLS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "yolo-decode-" + id + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(Profiler.wrap(t))); // the decode ranges nest under the caller's
        }
        RuntimeException first = null;
        for (Future<T> f : futures) { // wait for every task: none may still write into a buffer after we return
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                out.add(null);
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while decoding a batch", e);
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    private static <T> T call(Callable<T> t) {
        try {
            return t.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }
}
