package dev.yolojava.profiler;

import dev.yolojava.profiler.model.ProfileData;
import dev.yolojava.profiler.provider.ProfilerProvider;
import dev.yolojava.profiler.provider.ProfilingSession;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ServiceLoader;

/**
 * The profiler's entry point. Wrap code in ranges:
 * <pre>{@code
 * try (ProfilerRange r = Profiler.range("inference")) {
 *     detector.detect(image);
 * }
 * }</pre>
 * Recording starts at class load when {@code ENABLE_PROFILING=1} (or {@code -Dyolo.profiling=true})
 * and is exported at JVM exit, or under program control with {@link #start(ProfilerConfig)} and
 * {@link #stop()}. With a {@link ProfilerSchedule}, call {@link #step()} once per unit of work
 * (a frame, a request) and only the active windows are kept. While nothing records,
 * {@link #range} returns {@link ProfilerRange#noop()}: a field read, no allocation.
 * No method here throws because of a profiling problem: such problems are logged and the
 * profiler degrades (GPU activity off, then ranges off). This class has no dependencies: the implementation
 * ({@code yolo-profiler}: sessions, CUPTI, NVTX, exporters) is found with {@link ServiceLoader}; without it
 * {@link #start} logs how to add it and every range stays the no-op range.
 */
public final class Profiler {
    private static final Logger LOG = System.getLogger(Profiler.class.getName());
    private static final Object LOCK = new Object();
    private static volatile ProfilingSession session;

    static {
        try {
            ProfilerConfig env = ProfilerConfig.fromEnvironment();
            if (env.enabled()) {
                start(env);
                Runtime.getRuntime().addShutdownHook(new Thread(Profiler::stop, "yolo-profiler-export"));
            }
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "profiler: could not start from the environment: {0}", t.toString());
        }
    }

    private Profiler() {
    }

    /**
     * @param name the range's name, e.g. {@code inference}
     * @return a range named {@code name}, or the no-op range when not recording
     */
    public static ProfilerRange range(String name) {
        ProfilingSession s = session;
        return s == null || !s.isRecording() ? ProfilerRange.noop() : s.open(name, null, -1);
    }

    /**
     * @param name     the range's name
     * @param category shown as the trace event category
     * @return a range with a category, or the no-op range
     */
    public static ProfilerRange range(String name, String category) {
        ProfilingSession s = session;
        return s == null || !s.isRecording() ? ProfilerRange.noop() : s.open(name, category, -1);
    }

    /**
     * @param name     the range's name
     * @param category shown as the trace event category
     * @param rgb the color NVTX tools draw the range in, {@code 0xRRGGBB} (also kept as the
     *            {@code color} attribute in the trace)
     * @return a colored range with a category, or the no-op range
     */
    public static ProfilerRange range(String name, String category, int rgb) {
        ProfilingSession s = session;
        return s == null || !s.isRecording() ? ProfilerRange.noop() : s.open(name, category, rgb & 0xffffff);
    }

    /**
     * Records an instant event (and an NVTX mark).
     *
     * @param name the event's name
     */
    public static void mark(String name) {
        ProfilingSession s = session;
        if (s != null && s.isRecording()) {
            s.mark(name);
        }
    }

    /**
     * Lets {@code work} run on another thread (an executor's, a callback's) as if inside the range open here
     * now: ranges it opens become children of that range, and GPU work it launches is attributed to it.
     *
     * @param work what will run elsewhere
     * @return {@code work} itself when nothing records or no range is open, else a wrapper
     */
    public static Runnable wrap(Runnable work) {
        java.util.Objects.requireNonNull(work, "work");
        java.util.concurrent.Callable<Void> call = () -> {
            work.run();
            return null;
        };
        java.util.concurrent.Callable<Void> wrapped = wrap(call);
        if (wrapped == call) {
            return work;
        }
        return () -> {
            try {
                wrapped.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) { // a Runnable throws nothing checked
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * As {@link #wrap(Runnable)}, for work that returns a value.
     *
     * @param <T>  what the work returns
     * @param work what will run elsewhere
     * @return {@code work} itself when nothing records or no range is open, else a wrapper
     */
    public static <T> java.util.concurrent.Callable<T> wrap(java.util.concurrent.Callable<T> work) {
        java.util.Objects.requireNonNull(work, "work");
        ProfilingSession s = session;
        long parent = s == null || !s.isRecording() ? 0 : s.currentRangeId();
        if (parent == 0) {
            return work;
        }
        return () -> {
            s.adopt(parent);
            try {
                return work.call();
            } finally {
                s.release(parent);
            }
        };
    }

    /** @return whether ranges are being recorded now */
    public static boolean isRecording() {
        ProfilingSession s = session;
        return s != null && s.isRecording();
    }

    /** @return whether GPU activity (CUPTI) is being collected */
    public static boolean hasGpuActivity() {
        ProfilingSession s = session;
        return s != null && s.hasGpuActivity();
    }

    /** @return the first implementation {@link ServiceLoader} finds, or null */
    private static ProfilerProvider provider() {
        for (ProfilerProvider p : ServiceLoader.load(ProfilerProvider.class, Profiler.class.getClassLoader())) {
            return p;
        }
        return null;
    }

    /** Starts recording with the environment's configuration (enabled or not). */
    public static void start() {
        start(ProfilerConfig.fromEnvironment());
    }

    /**
     * Starts recording with {@code config}; a no-op (with a log line) when already started.
     *
     * @param config what to record and where to export it
     */
    public static void start(ProfilerConfig config) {
        synchronized (LOCK) {
            if (session != null) {
                LOG.log(Level.INFO, "profiler: already started; start() ignored");
                return;
            }
            try {
                ProfilerProvider provider = provider();
                if (provider == null) {
                    LOG.log(Level.WARNING, "profiler: no implementation on the class path, ranges stay no-ops; add"
                            + " dev.yolojava:yolo-profiler (sessions, CUPTI, NVTX, exporters) to record");
                    return;
                }
                session = provider.start(config);
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "profiler: could not start: {0}", t.toString());
            }
        }
    }

    /**
     * Stops recording, exports with the configured exporters and releases CUPTI.
     *
     * @return what was recorded, or null when nothing was (not started, or outside a window)
     */
    public static ProfileData stop() {
        synchronized (LOCK) {
            ProfilingSession s = session;
            session = null;
            if (s == null) {
                return null;
            }
            try {
                return s.stop();
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "profiler: stop failed: {0}", t.toString());
                return null;
            }
        }
    }

    /**
     * Marks the end of one unit of work for the schedule; exports a window when one closes. A kernel window of the
     * default level ({@code ENABLE_PROFILING=1} without a schedule) is flushed, built and exported on the profiler's
     * export thread, so this returns at once (and null) for it.
     *
     * @return the schedule's window built at this step, or null
     */
    public static ProfileData step() {
        ProfilingSession s = session;
        if (s == null) {
            return null;
        }
        try {
            return s.step();
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "profiler: step failed: {0}", t.toString());
            return null;
        }
    }
}
