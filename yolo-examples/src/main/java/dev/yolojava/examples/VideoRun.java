package dev.yolojava.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yolojava.core.Detection;
import dev.yolojava.core.InvalidImageException;
import dev.yolojava.core.YoloDetector;
import dev.yolojava.core.image.internal.BufferedImages;
import dev.yolojava.core.track.ByteTracker;
import dev.yolojava.core.track.TrackedDetection;
import dev.yolojava.core.video.FfmpegVideoSource;
import dev.yolojava.core.video.FrameResult;
import dev.yolojava.core.video.LiveVideoSource;
import dev.yolojava.core.video.VideoSource;
import dev.yolojava.core.video.VideoDetections;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code yolo detect} on a video file or stream: every frame detected through the detector's pipeline, an
 * annotated video (H.264 {@code .mp4} through OpenH264, else MJPEG {@code .avi}) and one JSON line per frame written (atomically, on completion or failure
 * alike), the frame rate shown every two seconds.
 */
final class VideoRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Whether the FFmpeg build has an H.264 encoder (the preset's has OpenH264, not x264). */
    static final boolean H264 = hasEncoder("libopenh264");

    /** Times in a row a broken stream is opened again before the run gives up on it. */
    static final int RECONNECTS = 3;

    private VideoRun() {
    }

    static void run(YoloDetector detector, String name, Path avi, Path jsonLines, Annotator annotator, ByteTracker tracker,
                    long maxFrames, int timeoutMs, dev.yolojava.core.video.VideoDecoder decoder, int gpu, String prefix,
                    Consumer<Map<String, Object>> result,
                    Consumer<String> error) {
        FfmpegVideoSource source;
        try {
            source = FfmpegVideoSource.open(name, timeoutMs, decoder, gpu);
        } catch (InvalidImageException e) {
            error.accept(e.getMessage());
            System.err.println(prefix + "error: " + e.getMessage() + " (skipped)");
            return;
        }
        Path aviTmp = avi.resolveSibling("." + avi.getFileName() + ".tmp");
        Path jsonTmp = jsonLines.resolveSibling("." + jsonLines.getFileName() + ".tmp");
        long frames = 0;
        long t0 = System.nanoTime(), lastReport = t0;
        double fps = source.frameRate() > 0 ? source.frameRate() : 25;
        String failure = null;
        // a live stream keeps its pace: when detection falls behind, its oldest waiting frame is dropped (counted);
        // a file never drops
        // and one that breaks off is opened again, up to 3 times in a row, a second apart
        FfmpegVideoSource first = source;
        java.util.concurrent.atomic.AtomicBoolean firstUsed = new java.util.concurrent.atomic.AtomicBoolean();
        // (rtsp, rtmp, udp, tcp: camera protocols; an http(s) URL may be a file, whose end is not a break)
        boolean camera = name.toLowerCase(Locale.ROOT).matches("^(rtsps?|rtmp|udp|tcp)://.*");
        LiveVideoSource live = !FfmpegVideoSource.isUrl(name) ? null : LiveVideoSource.reconnecting(
                () -> firstUsed.getAndSet(true) ? FfmpegVideoSource.open(name, timeoutMs, decoder, gpu) : first,
                camera ? RECONNECTS : 0,
                java.time.Duration.ofSeconds(1), 2, 3);
        VideoSource input = live != null ? live : source;
        try (input;
             VideoDetections results = detector.stream(input);
             BufferedWriter out = Files.newBufferedWriter(jsonTmp, StandardCharsets.UTF_8);
             FFmpegFrameRecorder rec = new FFmpegFrameRecorder(aviTmp.toFile(), source.width(), source.height())) {
            if (H264) { // H.264 in MP4: what players and browsers expect
                rec.setFormat("mp4");
                rec.setVideoCodecName("libopenh264");
                rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                rec.setVideoBitrate(Math.max(1_000_000, (int) (source.width() * source.height() * fps * 0.15)));
            } else {
                rec.setFormat("avi");
                rec.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
                rec.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
                rec.setVideoQuality(4);
            }
            rec.setFrameRate(fps);
            rec.start();
            ByteBuffer bgr = ByteBuffer.allocateDirect(3 * source.width() * source.height());
            try {
                while ((maxFrames <= 0 || frames < maxFrames) && results.hasNext()) {
                    FrameResult r = results.next();
                    List<Detection> dets = r.detections();
                    Map<Detection, Long> ids = new IdentityHashMap<>();
                    if (tracker != null) {
                        List<TrackedDetection> tracked = tracker.update(dets);
                        dets = new ArrayList<>();
                        for (TrackedDetection t : tracked) {
                            dets.add(t.detection());
                            ids.put(t.detection(), t.trackId());
                        }
                    }
                    out.write(JSON.writeValueAsString(line(r, dets, ids)));
                    out.newLine();
                    BufferedImage annotated = annotator.draw(r.hostFrame().toBufferedImage(), labelled(dets, ids));
                    bgr.clear().put(BufferedImages.toBgr(annotated)).flip();
                    rec.recordImage(annotated.getWidth(), annotated.getHeight(), Frame.DEPTH_UBYTE, 3,
                            3 * annotated.getWidth(), avutil.AV_PIX_FMT_BGR24, bgr);
                    frames++;
                    long now = System.nanoTime();
                    if (now - lastReport > 2_000_000_000L) {
                        lastReport = now;
                        System.out.printf(Locale.ROOT, "%s%s: frame %d, %.1f frames/s%n", prefix, name, frames,
                                frames / ((now - t0) / 1e9));
                    }
                }
            } catch (InvalidImageException e) { // the stream broke off: keep what was done, report the rest
                failure = e.getMessage();
            }
            rec.stop();
        } catch (IOException | RuntimeException e) {
            failure = failure != null ? failure : "video " + name + ": " + e.getMessage();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try {
            if (frames > 0) {
                Files.move(aviTmp, avi, StandardCopyOption.REPLACE_EXISTING);
                Files.move(jsonTmp, jsonLines, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            failure = "cannot write " + avi + " or " + jsonLines + ": " + e.getMessage();
        } finally {
            try {
                Files.deleteIfExists(aviTmp);
                Files.deleteIfExists(jsonTmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", source.width());
        m.put("height", source.height());
        m.put("backend", detector.backendName());
        m.put("frames", frames);
        m.put("milliseconds", Math.round(seconds * 1e5) / 100.0);
        m.put("framesPerSecond", Math.round(frames / Math.max(seconds, 1e-9) * 10) / 10.0);
        m.put("tracked", tracker != null);
        m.put("corruptPackets", input.corruptPackets());
        if (live != null) {
            m.put("droppedFrames", live.droppedFrames());
            m.put("reconnects", live.reconnects());
        }
        result.accept(m);
        if (failure != null || frames == 0) {
            String why = failure != null ? failure : "no frame could be decoded from " + name;
            error.accept(why);
            System.err.println(prefix + "error: " + why);
        }
        System.out.printf(Locale.ROOT, "%s%s: %d frames in %.1f s (%.1f frames/s)%s%n", prefix, name, frames, seconds,
                frames / Math.max(seconds, 1e-9), frames > 0 ? " -> " + avi + ", " + jsonLines : "");
    }

    /** @return the annotated video's file extension: .mp4 (H.264) where an encoder exists, else .avi (MJPEG) */
    static String extension() {
        return H264 ? ".mp4" : ".avi";
    }

    private static boolean hasEncoder(String name) {
        try {
            var codec = avcodec.avcodec_find_encoder_by_name(name);
            return codec != null && !codec.isNull();
        } catch (Throwable t) { // FFmpeg's natives missing: the run will say so when it opens the video
            return false;
        }
    }

    private static Map<String, Object> line(FrameResult r, List<Detection> dets, Map<Detection, Long> ids) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frame", r.frameIndex());
        m.put("timestampMs", r.timestampMicros() / 1000.0);
        m.put("detections", DetectionJson.of(dets, ids));
        return m;
    }

    /** Detections whose labels carry their track id ("person #3"), for drawing. */
    private static List<Detection> labelled(List<Detection> dets, Map<Detection, Long> ids) {
        if (ids.isEmpty()) {
            return dets;
        }
        List<Detection> out = new ArrayList<>(dets.size());
        for (Detection d : dets) {
            Long id = ids.get(d);
            out.add(id == null ? d : new Detection(d.classId(), d.label() + " #" + id, d.score(), d.box()));
        }
        return out;
    }
}
