package dev.yolojava.core.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The default thread factory of the SDK's own workers: daemon threads named {@code PREFIX-N}, N from 0. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /**
     * @param prefix the threads' name before their number, e.g. {@code yolo-batcher}
     * @return a factory of daemon threads {@code prefix-0}, {@code prefix-1}, ...
     */
    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
