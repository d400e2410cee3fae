package dev.yolojava.profiler.internal;

import dev.yolojava.profiler.KernelWindows;
import dev.yolojava.profiler.ProfilerConfig;
import dev.yolojava.profiler.ProfilerRange;
import dev.yolojava.profiler.ProfilerSchedule;
import dev.yolojava.profiler.export.TraceExporter;
import dev.yolojava.profiler.model.DeviceProperties;
import dev.yolojava.profiler.model.MarkEvent;
import dev.yolojava.profiler.model.ProfileData;
import dev.yolojava.profiler.model.RangeEvent;
import dev.yolojava.profiler.spi.ActivitySink;
import dev.yolojava.profiler.spi.ActivitySource;
import dev.yolojava.profiler.spi.RangeMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One profiling session: owns the activity source, the NVTX marker, the current capture and the
 * schedule. Never throws into user code; failures are logged once and counted.
 */
public final class Session implements ActivitySink, dev.yolojava.profiler.provider.ProfilingSession {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final AtomicLong IDS = new AtomicLong();
    private final ProfilerConfig config;
    private final ActivitySource activity;
    private final RangeMarker marker;
    /** NVML: the GPUs' clocks, power and temperature at capture and window boundaries; null where absent. */
    private volatile dev.yolojava.profiler.spi.DeviceMonitor monitor;
    /** The exporters, the thread they run on, and the live range listeners among them (jfr). */
    private final CaptureExports exports;
    private final java.util.List<dev.yolojava.profiler.spi.RangeListener> listeners;
    private final long clockOffset;
    private final ThreadLocal<RangeStack> stacks = ThreadLocal.withInitial(RangeStack::new);
    private final String baseName;
    private final AtomicLong errors = new AtomicLong();
    private volatile Capture capture;
    /**
     * A kernel window's capture being flushed and built on the export thread: CUPTI is off between windows, so every
     * GPU record that still arrives belongs to it. Null when none is.
     */
    private volatile Capture closing;
    /** The export thread's build of {@link #closing}, awaited before the next window opens and at stop. */
    private java.util.concurrent.Future<?> closingBuilt;
    private volatile boolean recording;
    private long captureStartNs;
    private volatile long step;
    private int windows;
    /** Whether CUPTI collects now: inside a kernel window ({@link ProfilerConfig#kernelWindows()}). */
    private volatile boolean collecting;
    private long kernelWindowStartNs;

    private Session(ProfilerConfig config, ActivitySource activity, RangeMarker marker,
                    java.util.List<TraceExporter> exporters) {
        this.config = config;
        this.activity = activity;
        this.marker = marker;
        this.exports = new CaptureExports(exporters);
        this.listeners = exports.listeners();
        this.clockOffset = activity == null ? 0 : safeTimestamp(activity) - System.nanoTime();
        this.baseName = "profile-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + ProcessHandle.current().pid();
        this.capture = new Capture(config.maxEvents());
        this.captureStartNs = now();
        ProfilerSchedule s = config.schedule();
        this.recording = s == null || s.phaseOf(0) == ProfilerSchedule.Phase.WARMUP
                || s.phaseOf(0) == ProfilerSchedule.Phase.ACTIVE;
    }

    /** Starts a session: loads CUPTI and NVTX where they can run, logging what it uses. */
    public static Session start(ProfilerConfig config) {
        ActivitySource src = config.cupti() ? Plugins.load(ActivitySource.class) : null;
        RangeMarker mk = config.nvtx() ? Plugins.load(RangeMarker.class) : null;
        java.util.List<TraceExporter> exporter = TraceExporter.named(config.exporters());
        Session s = new Session(config, src, mk, exporter);
        if (src != null && !src.start(s)) {
            LOG.warn("profiler: {} did not start; recording CPU ranges only", src.name());
            s = new Session(config, null, mk, exporter);
        }
        checkWritable(config.outputDir());
        s.monitor = Plugins.load(dev.yolojava.profiler.spi.DeviceMonitor.class);
        s.sampleDevices(); // the capture's first state of each GPU
        s.collecting = s.activity != null;
        s.updateCollection(false); // the start sample above stands for a window opening at call 0
        if (s.collecting && !config.kernelWindows().isAlways()) {
            s.kernelWindowStartNs = s.now(); // a window open from the first call
        }
        LOG.info("profiler on: GPU activity {}, ranges to {}, exporters {} -> {}{}",
                s.activity != null ? "from " + s.activity.name() : "off (no CUPTI)",
                s.marker != null ? "NVTX + Java" : "Java only", config.exporters(), config.outputDir().toAbsolutePath(),
                (config.schedule() != null ? ", schedule " + config.schedule() : "")
                        + (s.activity != null && !config.kernelWindows().isAlways() ? ", kernel windows "
                        + config.kernelWindows() : ""));
        return s;
    }

    /** Says at start, not after the work, when the output folder cannot be written. */
    private static void checkWritable(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.delete(java.nio.file.Files.createTempFile(dir, ".yolo-profiler", ".tmp"));
        } catch (Exception e) {
            LOG.warn("profiler: output folder {} is not writable ({}): nothing will be exported; set YOLO_PROFILING_DIR"
                    + " (or -Dyolo.profiling.dir) to a writable folder", dir.toAbsolutePath(), e.toString());
        }
    }

    /** @return whether ranges record now */
    @Override
    public boolean isRecording() {
        return recording;
    }

    /** @return whether GPU activity is collected */
    @Override
    public boolean hasGpuActivity() {
        return activity != null;
    }

    /** @return whether NVTX ranges are emitted */
    public boolean hasMarker() {
        return marker != null;
    }

    /** @return the current timestamp on the session clock (CUPTI's when active) */
    public long now() {
        return System.nanoTime() + clockOffset;
    }

    /** Opens a range on this thread. */
    public ProfilerRange open(String name, String category) {
        return open(name, category, -1);
    }

    /** Opens a range on this thread, drawn in {@code rgb} (0xRRGGBB) by NVTX tools; -1 for no color. */
    @Override
    public ProfilerRange open(String name, String category, int rgb) {
        try {
            long id = IDS.incrementAndGet();
            RangeStack stack = stacks.get();
            long parent = stack.top();
            int depth = stack.depth();
            stack.push(id);
            if (marker != null) {
                if (rgb >= 0) {
                    marker.push(name, rgb);
                } else {
                    marker.push(name);
                }
            }
            boolean correlated = activity != null && collecting;
            if (correlated) {
                activity.pushCorrelation(id);
            }
            Object[] tokens = null;
            if (!listeners.isEmpty()) {
                tokens = new Object[listeners.size()];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = listeners.get(i).opened(id, name, category);
                }
            }
            RecordingRange range = new RecordingRange(this, capture, id, parent, name, category, now(), depth, tokens);
            range.correlated = correlated;
            if (rgb >= 0) {
                range.attribute("color", String.format("#%06x", rgb & 0xffffff));
            }
            return range;
        } catch (Throwable t) {
            fail("open range " + name, t);
            return ProfilerRange.noop();
        }
    }

    void close(RecordingRange r) {
        try {
            long end = now();
            if (r.correlated) {
                activity.popCorrelation();
            }
            if (marker != null) {
                marker.pop();
            }
            stacks.get().pop(r.id);
            if (r.listenerTokens != null) {
                for (int i = 0; i < r.listenerTokens.length; i++) {
                    listeners.get(i).closed(r.listenerTokens[i]);
                }
            }
            if (!storesEvents()) {
                return; // between kernel windows only NVTX and the listeners see it
            }
            Map<String, Object> attrs = r.attributes == null ? Map.of() : Map.copyOf(r.attributes);
            r.capture.range(new RangeEvent(r.id, r.parentId, r.name, r.category, r.thread.getId(), r.thread.getName(),
                    r.startNs, end, r.depth, attrs));
        } catch (Throwable t) {
            fail("close range " + r.name, t);
        }
    }

    /** @return the id of the innermost range open on this thread, 0 when none */
    @Override
    public long currentRangeId() {
        return stacks.get().top();
    }

    /**
     * Makes {@code parent} (a range of another thread) the parent of the ranges this thread opens, and the
     * owner of the GPU work it launches outside them, until {@link #release}.
     */
    @Override
    public void adopt(long parent) {
        try {
            stacks.get().push(parent);
            if (activity != null) {
                activity.pushCorrelation(parent);
            }
        } catch (Throwable t) {
            fail("adopt range " + parent, t);
        }
    }

    /** Undoes {@link #adopt}. */
    @Override
    public void release(long parent) {
        try {
            if (activity != null) {
                activity.popCorrelation();
            }
            stacks.get().pop(parent);
        } catch (Throwable t) {
            fail("release range " + parent, t);
        }
    }

    /** Records an instant mark on this thread. */
    @Override
    public void mark(String name) {
        try {
            if (marker != null) {
                marker.mark(name);
            }
            if (!storesEvents()) {
                return;
            }
            Thread t = Thread.currentThread();
            capture.mark(new MarkEvent(name, t.getId(), t.getName(), now()));
        } catch (Throwable t) {
            fail("mark " + name, t);
        }
    }

    /**
     * Advances the schedule by one step.
     *
     * @return the capture built when a schedule's window closed at this step, else null (a kernel window of the
     *         default level is flushed, built and exported on the export thread)
     */
    @Override
    public synchronized ProfileData step() {
        ProfilerSchedule s = config.schedule();
        ProfileData exported = null;
        if (s != null && s.endsWindow(step)) {
            exported = finishCapture(baseName + "-window" + (++windows), true);
        }
        step++;
        if (s != null) {
            ProfilerSchedule.Phase next = s.phaseOf(step);
            ProfilerSchedule.Phase prev = s.phaseOf(step - 1);
            if (next == ProfilerSchedule.Phase.ACTIVE && prev != ProfilerSchedule.Phase.ACTIVE) {
                flushQuietly();
                capture = new Capture(config.maxEvents()); // warm-up records are dropped here
                captureStartNs = now();
            }
            recording = next == ProfilerSchedule.Phase.WARMUP || next == ProfilerSchedule.Phase.ACTIVE;
        }
        updateCollection(true);
        KernelWindows w = config.kernelWindows();
        if (windowedCaptures() && w.collects(step - 1) && !w.collects(step)) {
            closeWindowInBackground(baseName + "-window" + (++windows)); // its end was sampled just now
        }
        return exported;
    }

    /**
     * Ends the current capture at a kernel window's close without making the caller wait for CUPTI: the flush of
     * its last records, the snapshot and the export run on the export thread (measured on an H100: 9 ms at batch 1,
     * 24 ms at batch 16 on the caller's thread otherwise). Records arriving meanwhile go to it ({@link #closing}).
     */
    private void closeWindowInBackground(String name) {
        awaitClosing();
        long start = captureStartNs;
        long end = now();
        Capture c = takeCapture(end);
        closing = c;
        closingBuilt = exports.submit(() -> {
            try {
                flushQuietly();
                return c.snapshot(name, start, end, devices(), activity != null);
            } finally {
                closing = null;
            }
        }, config.outputDir().resolve(name));
    }

    /** Waits (up to 10 s) for the window capture being built in the background, so its records stay its own. */
    private void awaitClosing() {
        java.util.concurrent.Future<?> f = closingBuilt;
        if (f == null) {
            return;
        }
        try {
            f.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            fail("building the last kernel window's capture", e);
        } catch (java.util.concurrent.ExecutionException e) {
            fail("building the last kernel window's capture", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closingBuilt = null;
    }

    /**
     * {@code ENABLE_PROFILING=1}'s default (kernel windows, no schedule): a service runs for days, so range events
     * are kept only for the first calls (before the first window) and inside kernel windows, and each window
     * is exported as its own capture when it closes; between windows ranges still reach NVTX and the listeners.
     * Memory stays bounded by one window's records.
     */
    private boolean windowedCaptures() {
        return config.schedule() == null && !config.kernelWindows().isAlways();
    }

    /** @return whether range events and marks are stored now */
    private boolean storesEvents() {
        KernelWindows w = config.kernelWindows();
        long now = step;
        return !windowedCaptures() || now < w.first() || w.collects(now);
    }

    /**
     * Switches CUPTI on at the start of a kernel window and off at its end; each window closed is kept as a
     * {@link ProfileData#KERNEL_WINDOW_RANGE} range, so the analysis judges GPU figures inside windows only.
     */
    private void updateCollection(boolean sample) {
        boolean want = activity != null && recording && config.kernelWindows().collects(step);
        if (want == collecting) {
            return;
        }
        if (want) {
            awaitClosing(); // the last window's records are all in before the next window's start
        }
        try {
            activity.collect(want);
        } catch (Throwable t) {
            fail("switch " + activity.name(), t);
        }
        if (want) {
            kernelWindowStartNs = now();
        } else {
            closeKernelWindow();
        }
        collecting = want;
        if (sample) {
            sampleDevices(); // each window's start and end
        }
    }

    /** Records each GPU's clocks, power, temperature, utilization and clock reasons now, where NVML runs. */
    private void sampleDevices() {
        dev.yolojava.profiler.spi.DeviceMonitor m = monitor;
        if (m == null) {
            return;
        }
        try {
            capture.deviceSamples(m.sample(now()));
        } catch (Throwable t) {
            fail("sample " + m.name(), t);
        }
    }

    private void closeKernelWindow() {
        if (kernelWindowStartNs == 0) {
            return;
        }
        capture.range(new RangeEvent(IDS.incrementAndGet(), 0, ProfileData.KERNEL_WINDOW_RANGE, "profiler", 0, "profiler",
                kernelWindowStartNs, now(), 0, Map.of("calls", config.kernelWindows().calls())));
        kernelWindowStartNs = 0;
    }

    /** Stops the session: flushes, exports what was recorded (unless a schedule is waiting) and releases CUPTI. */
    @Override
    public synchronized ProfileData stop() {
        ProfileData data = null;
        awaitClosing();
        ProfilerSchedule s = config.schedule();
        boolean inWindow = s == null || s.phaseOf(step) == ProfilerSchedule.Phase.ACTIVE;
        if (collecting && !config.kernelWindows().isAlways()) {
            closeKernelWindow();
        }
        if (inWindow && !(windowedCaptures() && windows > 0 && capture.isEmpty())) {
            data = finishCapture(s == null && windows == 0 ? baseName : baseName + "-window" + (++windows), true);
        }
        recording = false;
        if (activity != null) {
            try {
                activity.stop();
            } catch (Throwable t) {
                fail("stop " + activity.name(), t);
            }
        }
        if (monitor != null) {
            monitor.close();
        }
        exports.close(); // the captures' files are written, and the exporters shut down, when stop() returns
        if (errors.get() > 0) {
            LOG.warn("profiler: {} internal errors during the session (see earlier log lines)", errors.get());
        }
        return data;
    }

    private ProfileData finishCapture(String name, boolean sample) {
        flushQuietly();
        if (sample) {
            sampleDevices(); // the capture's last state of each GPU
        }
        long start = captureStartNs;
        long end = now();
        ProfileData data = takeCapture(end).snapshot(name, start, end, devices(), activity != null);
        exports.submit(data, config.outputDir().resolve(name));
        return data;
    }

    /** @return the current capture, which ends at {@code end}; a new one starts there */
    private Capture takeCapture(long end) {
        Capture c = capture;
        capture = new Capture(config.maxEvents());
        captureStartNs = end;
        return c;
    }

    private List<DeviceProperties> devices() {
        if (activity != null) {
            try {
                return activity.devices();
            } catch (Throwable t) {
                fail("device query", t);
            }
        }
        return List.of();
    }

    private void flushQuietly() {
        if (activity != null) {
            try {
                activity.flush();
            } catch (Throwable t) {
                fail("flush " + activity.name(), t);
            }
        }
    }

    private void fail(String what, Throwable t) {
        if (errors.getAndIncrement() < 5) {
            LOG.warn("profiler: {} failed: {}", what, t.toString());
        }
    }

    private static long safeTimestamp(ActivitySource src) {
        try {
            return src.timestampNs();
        } catch (Throwable t) {
            return System.nanoTime();
        }
    }

    // GPU records go to whatever capture is current, and only while recording.
    @Override
    public void record(dev.yolojava.profiler.model.ActivityRecord r) {
        if (recording) {
            gpuRecordsCapture().record(r);
        }
    }

    @Override
    public void dropped(long count) {
        gpuRecordsCapture().dropped(count);
    }

    /** @return where GPU records go now: the kernel window still closing, else the current capture */
    private Capture gpuRecordsCapture() {
        Capture c = closing;
        return c != null ? c : capture;
    }
}
