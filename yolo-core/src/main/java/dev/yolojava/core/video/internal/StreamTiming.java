package dev.yolojava.core.video.internal;

import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * A video stream's clock, read once from the demuxer, the same for every source that decodes it (on the CPU, with
 * NVDEC into host or GPU memory): frame timestamps count from the stream's start time, the frame rate is the
 * average one or else the stream's base rate, and the frame count is the declared one or else estimated from the
 * duration.
 *
 * @param timeBaseNum    the stream's time base, numerator
 * @param timeBaseDen    the stream's time base, denominator
 * @param startPts       the stream's first timestamp (0 when it has none)
 * @param frameRate      frames per second, 0 when unknown
 * @param declaredFrames frames the container declares or its duration implies, 0 when unknown
 */
public record StreamTiming(int timeBaseNum, int timeBaseDen, long startPts, double frameRate, long declaredFrames) {

    /**
     * @param format      the open demuxer
     * @param streamIndex its video stream
     * @return the stream's timing
     */
    public static StreamTiming of(AVFormatContext format, int streamIndex) {
        AVStream st = format.streams(streamIndex);
        AVRational avg = st.avg_frame_rate();
        AVRational rate = avg.den() != 0 && avg.num() != 0 ? avg : st.r_frame_rate();
        long durationMicros = format.duration() > 0 ? format.duration() : 0; // AV_TIME_BASE is microseconds
        return of(st.time_base().num(), st.time_base().den(), st.start_time(), rate.num(), rate.den(), st.nb_frames(),
                durationMicros);
    }

    /**
     * The rules, apart from FFmpeg's structures.
     *
     * @param startTime      the stream's start time, or {@code AV_NOPTS_VALUE}
     * @param rateNum        the chosen frame rate, numerator
     * @param rateDen        its denominator (0: unknown)
     * @param nbFrames       the declared frame count (0 or less: none)
     * @param durationMicros the container's duration in microseconds (0: unknown)
     * @return the timing
     */
    static StreamTiming of(int timeBaseNum, int timeBaseDen, long startTime, int rateNum, int rateDen, long nbFrames,
                           long durationMicros) {
        double fps = rateDen == 0 ? 0 : (double) rateNum / rateDen;
        long declared = nbFrames;
        if (declared <= 0 && durationMicros > 0 && fps > 0) {
            declared = Math.round(durationMicros / 1e6 * fps);
        }
        return new StreamTiming(timeBaseNum, timeBaseDen, startTime == AV_NOPTS_VALUE ? 0 : startTime, fps,
                Math.max(0, declared));
    }

    /**
     * @param pts a frame's timestamp in the stream's time base ({@code best_effort_timestamp}), or
     *            {@code AV_NOPTS_VALUE}
     * @return microseconds since the stream's start (0 for a frame without a timestamp, never negative)
     */
    public long micros(long pts) {
        if (pts == AV_NOPTS_VALUE || timeBaseDen == 0) {
            return 0;
        }
        return Math.max(0, Math.round((double) (pts - startPts) * timeBaseNum * 1e6 / timeBaseDen));
    }
}
