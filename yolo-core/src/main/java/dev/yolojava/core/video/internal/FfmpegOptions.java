package dev.yolojava.core.video.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The FFmpeg demuxer/protocol options a video source opens a file or stream with. */
public final class FfmpegOptions {
    private FfmpegOptions() {
    }

    /**
     * @param fileOrUrl     a file or a stream URL
     * @param timeoutMillis how long a network stream may stay silent, opening included
     * @param user          the caller's options, which win
     * @return for a URL: read and socket timeouts (or, for an RTSP source listening for a sender, how long to wait
     *         for it: {@code listen_timeout}, which FFmpeg otherwise leaves at forever) and RTSP over TCP; then
     *         {@code user}'s options
     */
    public static Map<String, String> forSource(String fileOrUrl, int timeoutMillis, Map<String, String> user) {
        Map<String, String> o = new LinkedHashMap<>();
        if (dev.yolojava.core.video.FfmpegVideoSource.isUrl(fileOrUrl)) {
            if (String.valueOf(user.get("rtsp_flags")).contains("listen")) {
                o.put("listen_timeout", String.valueOf(Math.max(1, (timeoutMillis + 999) / 1000))); // seconds
            } else {
                String micros = String.valueOf(timeoutMillis * 1000L);
                o.put("rw_timeout", micros); // http(s): any read
                o.put("timeout", micros);    // rtsp: socket, open included
            }
            if (fileOrUrl.toLowerCase(Locale.ROOT).startsWith("rtsp")) {
                o.put("rtsp_transport", "tcp");
            }
        }
        o.putAll(user);
        return o;
    }
}
