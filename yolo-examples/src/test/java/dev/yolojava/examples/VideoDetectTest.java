package dev.yolojava.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yolojava.core.Detection;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.video.FfmpegVideoSource;
import dev.yolojava.core.video.VideoFrame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.yolojava.examples.YoloCliTest.MODEL;
import static dev.yolojava.examples.YoloCliTest.SAMPLES;
import static dev.yolojava.examples.YoloCliTest.noStackTrace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code yolo detect video.avi}: an annotated video FFmpeg reads back, one JSON line per frame, track ids. */
class VideoDetectTest {
    static final Path VTEST = SAMPLES.resolve("videos/vtest.avi");

    @BeforeEach
    void samples() {
        assumeTrue(Files.isRegularFile(MODEL) && Files.isRegularFile(VTEST), "run scripts/fetch-samples.sh first");
    }

    @Test
    void aVideoGivesAnAnnotatedVideoAndOneJsonLinePerFrameMatchingStillImageDetections(@TempDir Path out) throws Exception {
        YoloCliTest.Result r = YoloCliTest.run("detect", "--backend", "onnxruntime", "--model", MODEL.toString(), "--out",
                out.toString(), "--max-frames", "4", "--track", VTEST.toString());
        assertThat(r.code()).as(r.err()).isZero();
        noStackTrace(r);
        assertThat(r.out()).contains("4 frames");
        assertThat(VideoRun.extension()).as("the preset's FFmpeg has OpenH264").isEqualTo(".mp4");
        try (FfmpegVideoSource back = FfmpegVideoSource.open(out.resolve("vtest.mp4").toString(), 1000)) {
            int n = 0;
            while (back.read() != null) {
                n++;
            }
            assertThat(n).as("frames in the annotated video").isEqualTo(4);
            assertThat(back.width()).isEqualTo(768);
        }
        List<String> lines = Files.readAllLines(out.resolve("vtest.jsonl"));
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        JsonNode report = json.readTree(out.resolve("detections.json").toFile());
        assertThat(report.get(0).get("video").asBoolean()).isTrue();
        assertThat(report.get(0).get("frames").asLong()).isEqualTo(4);
        // the same decoded frames, as still images: the untracked detections of frame 3 (tracks are confirmed by then)
        try (FfmpegVideoSource v = FfmpegVideoSource.open(VTEST.toString(), 1000);
             YoloDetector d = YoloDetector.builder().model(MODEL).backend("onnxruntime").build()) {
            for (int i = 0; i < 4; i++) {
                VideoFrame f = v.read();
                JsonNode line = json.readTree(lines.get(i));
                assertThat(line.get("frame").asLong()).isEqualTo(i);
                assertThat(line.get("timestampMs").asDouble()).isEqualTo(100.0 * i);
                List<Detection> still = d.detect(f.image());
                for (JsonNode t : line.get("detections")) {
                    assertThat(t.has("trackId")).isTrue();
                    Detection twin = still.stream().filter(s -> Math.abs(s.box().x1() - t.get("box").get(0).floatValue()) < 1e-3
                            && Math.abs(s.box().y1() - t.get("box").get(1).floatValue()) < 1e-3).findFirst().orElse(null);
                    assertThat(twin).as("frame " + i + ": " + t + " among " + still).isNotNull();
                    assertThat(twin.score()).isCloseTo(t.get("score").floatValue(), within(1e-6f));
                }
                if (i == 3) {
                    long confident = still.stream().filter(s -> s.score() >= 0.25f).count();
                    assertThat(line.get("detections").size()).as("frame 3: every confident detection is tracked")
                            .isEqualTo((int) confident);
                }
            }
        }
    }

    @Test
    void aMissingVideoIsReportedAndTheOtherInputsGoOn(@TempDir Path out) throws Exception {
        YoloCliTest.Result r = YoloCliTest.run("detect", "--backend", "onnxruntime", "--model", MODEL.toString(), "--out",
                out.toString(), "--max-frames", "1", out.resolve("gone.mp4").toString(), VTEST.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.err()).contains("gone.mp4");
        noStackTrace(r);
        JsonNode report = new ObjectMapper().readTree(out.resolve("detections.json").toFile());
        assertThat(report).hasSize(2);
        assertThat(report.get(0).get("error").asText()).contains("gone.mp4");
        assertThat(report.get(1).get("frames").asLong()).isEqualTo(1);
    }

    @Test
    void theDecoderOptionIsCheckedAndNvdecFallsBackOnlyWhenAsked(@TempDir Path out) throws Exception {
        YoloCliTest.Result bad = YoloCliTest.run("detect", "--backend", "onnxruntime", "--model", MODEL.toString(), "--out",
                out.resolve("bad").toString(), "--decoder", "gpu", VTEST.toString());
        assertThat(bad.code()).as(bad.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("expected cpu, nvdec, auto or nvdec-device, got 'gpu'");
        // vtest.avi is MS-MPEG-4, which NVDEC cannot read: nvdec is a per-input error, auto decodes on the CPU
        YoloCliTest.Result nvdec = YoloCliTest.run("detect", "--backend", "onnxruntime", "--model", MODEL.toString(), "--out",
                out.resolve("nvdec").toString(), "--max-frames", "1", "--decoder", "nvdec", VTEST.toString());
        assertThat(nvdec.code()).as(nvdec.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(nvdec.err()).contains("with NVDEC").contains("msmpeg4");
        noStackTrace(nvdec);
        YoloCliTest.Result auto = YoloCliTest.run("detect", "--backend", "onnxruntime", "--model", MODEL.toString(), "--out",
                out.resolve("auto").toString(), "--max-frames", "1", "--decoder", "auto", VTEST.toString());
        assertThat(auto.code()).as(auto.err()).isZero();
    }

    @Test
    void benchStreamsReadsEveryStreamThroughOnePoolAndReportsFramesDropsAndLatency(@TempDir Path dir) throws Exception {
        YoloCliTest.Result r = YoloCliTest.run("bench", "--backend", "onnxruntime", "--model", MODEL.toString(), "--video",
                VTEST.toString(), "--streams", "2", "--pool", "1", "--iterations", "4", "--json", dir.resolve("s.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 streams of").contains("msmpeg4 (CPU), as fast as read, pool 1");
        JsonNode j = new ObjectMapper().readTree(dir.resolve("s.json").toFile()).get(0);
        assertThat(j.get("frames").asLong()).isEqualTo(8);
        assertThat(j.get("frames_per_stream").toString()).isEqualTo("[4,4]");
        assertThat(j.get("dropped_frames").asLong()).isZero();
        assertThat(j.get("latency_p99_ms").asDouble()).isPositive();
        // every stream's first result comes after the clock starts and within the run
        assertThat(j.get("all_started_s").asDouble()).isPositive().isLessThanOrEqualTo(8 / j.get("total_fps").asDouble());
        assertThat(j.get("backend_details").get("device").asText()).startsWith("CPU");
    }

    @Test
    void benchStreamBatchGathersFramesOfSeveralStreamsIntoBatches(@TempDir Path dir) throws Exception {
        YoloCliTest.Result r = YoloCliTest.run("bench", "--backend", "onnxruntime", "--model", MODEL.toString(), "--video",
                VTEST.toString(), "--streams", "3", "--stream-batch", "4", "--iterations", "4", "--json",
                dir.resolve("b.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 streams of").contains("pool 2").contains("frames of several streams batched: up to 4");
        JsonNode j = new ObjectMapper().readTree(dir.resolve("b.json").toFile()).get(0);
        assertThat(j.get("frames_per_stream").toString()).isEqualTo("[4,4,4]");
        assertThat(j.get("stream_batch").asInt()).isEqualTo(4);
        assertThat(j.get("average_batch").asDouble()).isBetween(1.0, 4.0);
        YoloCliTest.Result alone = YoloCliTest.run("bench", "--model", MODEL.toString(), "--video", VTEST.toString(),
                "--stream-batch", "4");
        assertThat(alone.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(alone.err()).contains("--stream-batch applies to --streams N (N >= 1) and must be >= 1, got 4");
    }

    @Test
    void benchDecodeOnlyDecodesEveryStreamWithoutDetectingAndNeedsStreams(@TempDir Path dir) throws Exception {
        YoloCliTest.Result r = YoloCliTest.run("bench", "--backend", "onnxruntime", "--model", MODEL.toString(), "--video",
                VTEST.toString(), "--streams", "3", "--decode-only", "--iterations", "5", "--json",
                dir.resolve("d.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 streams of").contains("decode only").contains("cores busy");
        JsonNode j = new ObjectMapper().readTree(dir.resolve("d.json").toFile()).get(0);
        assertThat(j.get("decode_only").asBoolean()).isTrue();
        assertThat(j.get("frames_per_stream").toString()).isEqualTo("[5,5,5]");
        assertThat(j.get("total_fps").asDouble()).isPositive();
        assertThat(j.get("process_cpu_cores").asDouble()).isPositive();
        assertThat(j.get("all_started_s").asDouble()).isPositive().isLessThanOrEqualTo(15 / j.get("total_fps").asDouble());
        assertThat(j.get("read_p50_ms").asDouble()).isPositive().isLessThanOrEqualTo(j.get("read_p99_ms").asDouble());
        assertThat(j.get("read_p99_ms").asDouble()).isLessThanOrEqualTo(j.get("read_max_ms").asDouble());
        assertThat(r.out()).contains("a read p50");
        assertThat(j.has("backend")).as("no detector opened").isFalse();
        YoloCliTest.Result alone = YoloCliTest.run("bench", "--model", MODEL.toString(), "--video", VTEST.toString(),
                "--decode-only");
        assertThat(alone.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(alone.err()).contains("--decode-only applies to --streams N (N >= 1) without --realtime");
    }

    @Test
    void benchReportsDecodeAndEndToEndFramesPerSecondOfAVideo(@TempDir Path dir) throws Exception {
        YoloCliTest.Result r = YoloCliTest.run("bench", "--backend", "onnxruntime", "--model", MODEL.toString(), "--video",
                VTEST.toString(), "--iterations", "3", "--json", dir.resolve("v.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("FFmpeg decode").contains("over 3 frames");
        JsonNode j = new ObjectMapper().readTree(dir.resolve("v.json").toFile()).get(0);
        assertThat(j.get("frames").asLong()).isEqualTo(3);
        assertThat(j.get("decode_fps").asDouble()).isPositive();
        assertThat(j.get("end_to_end_fps").asDouble()).isPositive();
        YoloCliTest.Result negative = YoloCliTest.run("bench", "--model", MODEL.toString(), "--video", VTEST.toString(),
                "--streams", "-2");
        assertThat(negative.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).contains("--streams, --pool and --profile-overhead must be >= 0, got -2");
        YoloCliTest.Result realtimeAlone = YoloCliTest.run("bench", "--model", MODEL.toString(), "--video",
                VTEST.toString(), "--realtime");
        assertThat(realtimeAlone.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(realtimeAlone.err()).contains("add --streams");
        YoloCliTest.Result badDecoder = YoloCliTest.run("bench", "--model", MODEL.toString(), "--video", VTEST.toString(),
                "--decoder", "gpu");
        assertThat(badDecoder.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDecoder.err()).contains("expected cpu, nvdec, auto or nvdec-device, got 'gpu'");
        YoloCliTest.Result none = YoloCliTest.run("bench", "--model", MODEL.toString());
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("--images or --video");
    }

    @Test
    void aStreamUrlIsReadLiveAndItsDroppedFramesAreReported(@TempDir Path out) throws Exception {
        byte[] all = Files.readAllBytes(VTEST);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, all.length);
            try (var o = ex.getResponseBody()) {
                o.write(all);
            } catch (java.io.IOException e) {
                // the client stopped reading
            }
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/cam/vtest.avi";
            YoloCliTest.Result r = YoloCliTest.run("detect", "--backend", "onnxruntime", "--model", MODEL.toString(),
                    "--out", out.toString(), "--max-frames", "3", "--timeout-ms", "3000", url);
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode e = new ObjectMapper().readTree(out.resolve("detections.json").toFile()).get(0);
            assertThat(e.get("image").asText()).isEqualTo(url);
            assertThat(e.get("frames").asLong()).isEqualTo(3);
            assertThat(e.has("droppedFrames")).isTrue();
            assertThat(out.resolve("vtest.mp4")).isRegularFile();
        } finally {
            server.stop(0);
        }
    }
}
