package dev.yolojava.core.batch;

import dev.yolojava.core.BoundingBox;
import dev.yolojava.core.Detection;
import dev.yolojava.core.FakeBackend;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.RawImage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamicBatcherTest {

    /** Answers each image with one detection whose score is the image width, so answers can be matched. */
    static List<List<Detection>> echo(List<? extends Frame> images, List<Integer> sizes) {
        sizes.add(images.size());
        List<List<Detection>> out = new ArrayList<>();
        for (Frame i : images) {
            out.add(List.of(new Detection(0, "w", i.width() / 1000f, new BoundingBox(0, 0, 1, 1))));
        }
        return out;
    }

    static RawImage image(int width) {
        return RawImage.rgb(new byte[width * 3], width, 1);
    }

    @Test
    void gathersConcurrentRequestsIntoBatchesAndAnswersEachItsOwn() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        try (DynamicBatcher b = DynamicBatcher.builder().maxBatch(8).maxDelay(Duration.ofMillis(200))
                .build(imgs -> {
                    try {
                        release.await(); // hold the first batch so the rest queue up
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return echo(imgs, sizes);
                })) {
            List<CompletableFuture<List<Detection>>> fs = new ArrayList<>();
            for (int i = 1; i <= 17; i++) {
                fs.add(b.submit(image(i)));
            }
            release.countDown();
            for (int i = 1; i <= 17; i++) {
                assertThat(fs.get(i - 1).get().get(0).score()).isEqualTo(i / 1000f);
            }
            assertThat(sizes).allSatisfy(s -> assertThat(s).isBetween(1, 8));
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(17);
            assertThat(sizes.size()).isLessThan(17);
            assertThat(b.averageBatch()).isGreaterThan(1.0);
        }
    }

    @Test
    void aFailedBatchFailsItsRequestsOnly() throws Exception {
        try (DynamicBatcher b = DynamicBatcher.builder().maxBatch(1).build(imgs -> {
            if (imgs.get(0).width() == 13) {
                throw new IllegalStateException("bad frame");
            }
            return echo(imgs, new ArrayList<>());
        })) {
            assertThatThrownBy(() -> b.submit(image(13)).join()).isInstanceOf(CompletionException.class)
                    .hasMessageContaining("bad frame");
            assertThat(b.submit(image(5)).get().get(0).score()).isEqualTo(0.005f);
        }
    }

    @Test
    void aBadImageInAGatheredBatchFailsOnlyItsOwnRequest() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        try (DynamicBatcher b = DynamicBatcher.builder().maxBatch(8).maxDelay(Duration.ofMillis(200)).build(imgs -> {
            try {
                release.await(); // hold the first batch so the rest gather behind it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (imgs.stream().anyMatch(i -> i.width() == 13)) {
                throw new IllegalStateException("bad frame in a batch of " + imgs.size());
            }
            return echo(imgs, sizes);
        })) {
            CompletableFuture<List<Detection>> warm = b.submit(image(1));
            List<CompletableFuture<List<Detection>>> fs = new ArrayList<>();
            for (int w : new int[]{2, 13, 4, 5}) {
                fs.add(b.submit(image(w)));
            }
            release.countDown();
            assertThat(warm.get().get(0).score()).isEqualTo(0.001f);
            assertThat(fs.get(0).get().get(0).score()).isEqualTo(0.002f);
            assertThatThrownBy(() -> fs.get(1).join()).isInstanceOf(CompletionException.class)
                    .hasMessageContaining("bad frame in a batch of 1");
            assertThat(fs.get(2).get().get(0).score()).isEqualTo(0.004f);
            assertThat(fs.get(3).get().get(0).score()).isEqualTo(0.005f);
        }
    }

    @Test
    void closeFinishesQueuedWorkThenRejects() throws Exception {
        DynamicBatcher b = DynamicBatcher.builder().maxBatch(4).build(imgs -> echo(imgs, new ArrayList<>()));
        CompletableFuture<List<Detection>> f = b.submit(image(3));
        b.close();
        b.close();
        assertThat(f.get()).hasSize(1);
        assertThatThrownBy(() -> b.submit(image(3))).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void configurationErrorsNameTheSetting() {
        assertThatThrownBy(() -> DynamicBatcher.builder().maxBatch(0)).hasMessageContaining("maxBatch");
        assertThatThrownBy(() -> DynamicBatcher.builder().maxDelay(Duration.ofMillis(-1))).hasMessageContaining("maxDelay");
        try (YoloDetector d = YoloDetector.withBackend(new FakeBackend(),
                YoloDetector.builder().model(java.nio.file.Path.of("f.onnx")).batchSize(2).config())) {
            assertThatThrownBy(() -> DynamicBatcher.builder().maxBatch(8).build(d)).hasMessageContaining("batchSize(8)");
        }
    }

    @Test
    void aPoolLendsEachDetectorToOneCallerAtATime() throws Exception {
        List<FakeBackend> backends = Collections.synchronizedList(new ArrayList<>());
        java.util.Map<YoloDetector, java.util.concurrent.atomic.AtomicInteger> holders = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger mostHolders = new java.util.concurrent.atomic.AtomicInteger(),
                lent = new java.util.concurrent.atomic.AtomicInteger(), mostLent = new java.util.concurrent.atomic.AtomicInteger();
        try (DetectorPool pool = DetectorPool.open(3, () -> {
            FakeBackend fb = new FakeBackend();
            backends.add(fb);
            return YoloDetector.withBackend(fb, YoloDetector.builder().model(java.nio.file.Path.of("f.onnx")).config());
        })) {
            assertThat(pool.size()).isEqualTo(3);
            List<List<Detection>> all = Collections.synchronizedList(new ArrayList<>());
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 5; i++) {
                        all.add(pool.with(d -> { // who holds d, and how many detectors are out, while it is held
                            var h = holders.computeIfAbsent(d, x -> new java.util.concurrent.atomic.AtomicInteger());
                            mostHolders.accumulateAndGet(h.incrementAndGet(), Math::max);
                            mostLent.accumulateAndGet(lent.incrementAndGet(), Math::max);
                            try {
                                Thread.sleep(3); // widen the window an overlap would need
                                return d.detect(image(64));
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            } finally {
                                lent.decrementAndGet();
                                h.decrementAndGet();
                            }
                        }));
                    }
                });
                callers.add(th);
                th.start();
            }
            for (Thread th : callers) {
                th.join(10_000);
            }
            assertThat(all).hasSize(30).allSatisfy(l -> assertThat(l).hasSize(1));
            assertThat(backends.stream().mapToInt(f -> f.calls).sum()).isEqualTo(30);
            assertThat(mostHolders.get()).as("callers holding one detector at once").isEqualTo(1);
            assertThat(mostLent.get()).as("detectors lent at once (6 callers, 3 detectors)").isBetween(2, 3);
        }
        assertThat(backends).allSatisfy(f -> assertThat(f.closeCount).isEqualTo(1));
    }

    @Test
    void aPoolOpensDetectorNumberIFromTheIndexedFactoryAndClosesThoseOpenedWhenOneFails() {
        List<Integer> asked = new ArrayList<>();
        List<FakeBackend> opened = new ArrayList<>();
        assertThatThrownBy(() -> DetectorPool.open(4, (int i) -> {
            asked.add(i);
            if (i == 2) {
                throw new IllegalStateException("GPU " + i + " is gone");
            }
            FakeBackend fb = new FakeBackend();
            opened.add(fb);
            return YoloDetector.withBackend(fb, YoloDetector.builder().model(java.nio.file.Path.of("f.onnx")).config());
        })).hasMessage("GPU 2 is gone");
        assertThat(asked).containsExactly(0, 1, 2);
        assertThat(opened).hasSize(2).allSatisfy(f -> assertThat(f.closeCount).isEqualTo(1));
    }

    @Test
    void aSubmitRacingCloseIsEitherRunOrRejectedNeverLeftPending() throws Exception {
        DynamicBatcher b = DynamicBatcher.builder().maxBatch(2).maxDelay(Duration.ofMillis(1))
                .build(imgs -> echo(imgs, new ArrayList<>()));
        CountDownLatch checked = new CountDownLatch(1), resume = new CountDownLatch(1);
        b.afterClosedCheck = () -> { // the submit has seen the batcher open; now close runs before it queues
            checked.countDown();
            try {
                resume.await(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        java.util.concurrent.CompletableFuture<java.util.concurrent.CompletableFuture<List<Detection>>> submitted =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> b.submit(image(7)));
        assertThat(checked.await(2, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        java.util.concurrent.CompletableFuture<Void> closing = java.util.concurrent.CompletableFuture.runAsync(b::close);
        Thread.sleep(100); // close is running (or, fixed, waiting for the submit)
        resume.countDown();
        java.util.concurrent.CompletableFuture<List<Detection>> f = submitted.get(5, java.util.concurrent.TimeUnit.SECONDS);
        closing.get(5, java.util.concurrent.TimeUnit.SECONDS);
        // completed one way or the other: answered by a worker, or rejected by close
        assertThat(f).as("a request queued while closing").succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void workersComeFromTheGivenThreadFactory() throws Exception {
        List<String> made = Collections.synchronizedList(new ArrayList<>());
        try (DynamicBatcher b = DynamicBatcher.builder().workers(2).threadFactory(r -> {
            Thread t = new Thread(r, "app-worker-" + made.size());
            t.setDaemon(true);
            made.add(t.getName());
            return t;
        }).build(imgs -> echo(imgs, new ArrayList<>()))) {
            assertThat(b.submit(image(5)).get(5, java.util.concurrent.TimeUnit.SECONDS)).hasSize(1);
        }
        assertThat(made).containsExactly("app-worker-0", "app-worker-1");
    }
}
