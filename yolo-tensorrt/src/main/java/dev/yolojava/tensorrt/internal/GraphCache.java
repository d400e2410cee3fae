package dev.yolojava.tensorrt.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * When to capture and replay CUDA graphs of stream work, by key: a key's first run is plain, its second is
 * captured and launched, later ones replay. Keeps the {@code kept} most recently used graphs; when keys
 * churn through it (more than 4 times its size evicted), it stops capturing and runs everything plain
 * rather than capturing on every call. Plain Java over the graph type, so the policy is tested on the CPU.
 *
 * @param <G> an instantiated graph
 */
final class GraphCache<G> {
    private static final Logger LOG = LoggerFactory.getLogger(GraphCache.class);
    private final String what;
    private final int kept;
    private final BooleanSupplier enabled;
    private final Function<Runnable, G> capture;
    private final Consumer<G> launch;
    private final Consumer<G> destroy;
    private final LinkedHashMap<Object, G> graphs = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<Object, Boolean> seen;
    private int evictions;
    private boolean off;

    /**
     * @param what    what the graphs hold, for the log
     * @param kept    most graphs kept
     * @param enabled whether graphs may be used now (false: everything runs plain)
     * @param capture captures what the runnable enqueues and instantiates it; null when capture failed
     * @param launch  launches a graph on the stream
     * @param destroy frees a graph
     */
    GraphCache(String what, int kept, BooleanSupplier enabled, Function<Runnable, G> capture, Consumer<G> launch,
               Consumer<G> destroy) {
        this.what = what;
        this.kept = kept;
        this.enabled = enabled;
        this.capture = capture;
        this.launch = launch;
        this.destroy = destroy;
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
                return size() > 4 * kept;
            }
        };
    }

    /**
     * @param key      what makes two runs' stream work the same
     * @param plain    enqueues the work without a graph
     * @param captured enqueues the work while the stream is being captured
     */
    void run(Object key, Runnable plain, Runnable captured) {
        if (off || !enabled.getAsBoolean()) {
            plain.run();
            return;
        }
        G g = graphs.get(key);
        if (g == null && seen.containsKey(key)) {
            g = capture.apply(captured);
            if (g != null) {
                keep(key, g);
                if (off) { // this capture's eviction turned graphs off and freed every graph, this one too
                    g = null;
                }
            }
        }
        if (g != null) {
            launch.accept(g);
        } else {
            seen.put(key, Boolean.TRUE);
            plain.run();
        }
    }

    private void keep(Object key, G g) {
        graphs.put(key, g);
        if (graphs.size() > kept) {
            var eldest = graphs.entrySet().iterator().next();
            destroy.accept(eldest.getValue());
            graphs.remove(eldest.getKey());
            if (++evictions > 4 * kept) {
                off = true;
                clear();
                LOG.info("{} keys vary more than {} graphs hold; {} graphs off", what, kept, what);
            }
        }
    }

    /** @return whether churn turned capturing off */
    boolean off() {
        return off;
    }

    /** @return graphs held now */
    int size() {
        return graphs.size();
    }

    /** Frees every graph and forgets the keys seen. */
    void clear() {
        for (G g : graphs.values()) {
            destroy.accept(g);
        }
        graphs.clear();
        seen.clear();
    }
}
