package dev.yolojava.core.image;

/**
 * How a YUV frame's values map to RGB: the matrix (BT.601 for SD video and most cameras, BT.709 for HD) and
 * whether luma spans 16–235 (limited, "TV" range, most video) or 0–255 (full, "PC"/JPEG range).
 *
 * @param bt709     the BT.709 matrix; else BT.601
 * @param fullRange full-range values; else limited range
 */
public record YuvColors(boolean bt709, boolean fullRange) {
    /** BT.601, limited range: what FFmpeg's scaler assumes for untagged video. */
    public static final YuvColors BT601_LIMITED = new YuvColors(false, false);
}
