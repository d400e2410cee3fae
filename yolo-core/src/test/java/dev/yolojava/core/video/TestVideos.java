package dev.yolojava.core.video;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.nio.file.Path;

/**
 * H.264 renditions of a sample video, made with the FFmpeg preset's OpenH264 encoder (tests, and
 * {@code scripts/make-test-videos.sh} for the GPU benchmarks).
 */
public final class TestVideos {
    private TestVideos() {
    }

    /**
     * Re-encodes the first {@code frames} frames of {@code src} as H.264 in an MP4 at {@code width x height}.
     *
     * @return {@code dst}
     */
    public static Path h264(Path src, Path dst, int width, int height, int frames, int bitrate) throws Exception {
        return h264(src, dst, width, height, frames, bitrate, 0);
    }

    /**
     * As {@link #h264(Path, Path, int, int, int, int)}, the output declaring {@code fps} frames per second (0: the
     * source's rate); each frame keeps its place, so timestamps follow the new rate.
     *
     * @return {@code dst}
     */
    public static Path h264(Path src, Path dst, int width, int height, int frames, int bitrate, double fps) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(src.toString());
             FFmpegFrameRecorder r = new FFmpegFrameRecorder(dst.toFile(), width, height)) {
            g.start();
            r.setFormat("mp4");
            r.setVideoCodecName("libopenh264");
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(fps > 0 ? fps : g.getFrameRate());
            r.setVideoBitrate(bitrate);
            r.start();
            Frame f;
            for (int i = 0; i < frames && (f = g.grabImage()) != null; i++) {
                r.record(f);
            }
            r.stop();
        }
        return dst;
    }

    /**
     * {@code TestVideos SRC OUT_DIR}: writes {@code vtest-h264.mp4} (768x576, every frame) and
     * {@code vtest-1080p.mp4} (1920x1080, 300 frames at 30 fps) beside each other.
     *
     * @param args source video and output folder
     */
    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        Path out = Path.of(args[1]);
        java.nio.file.Files.createDirectories(out);
        System.out.println(h264(src, out.resolve("vtest-h264.mp4"), 768, 576, Integer.MAX_VALUE, 1_500_000));
        System.out.println(h264(src, out.resolve("vtest-1080p.mp4"), 1920, 1080, 300, 6_000_000, 30));
    }
}
