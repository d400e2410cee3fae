package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.spi.DeviceVideoSourceProvider;
import dev.yolojava.core.video.VideoSource;

import java.util.Map;

/** The TensorRT backend's NVDEC-into-GPU-memory video source ({@link NvdecDeviceSource}), found by ServiceLoader. */
public final class NvdecDeviceSourceProvider implements DeviceVideoSourceProvider {

    @Override
    public String artifact() {
        return "dev.yolojava:yolo-tensorrt (with org.bytedeco:ffmpeg)";
    }

    @Override
    public VideoSource open(String fileOrUrl, int timeoutMillis, int gpu, Map<String, String> ffmpegOptions) {
        try {
            return NvdecDeviceSource.open(fileOrUrl, timeoutMillis, gpu, ffmpegOptions);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("video decoder nvdec-device needs FFmpeg: add org.bytedeco:ffmpeg (and its "
                    + "platform jar) to the class path (" + e.getMessage() + ")", e);
        }
    }
}
