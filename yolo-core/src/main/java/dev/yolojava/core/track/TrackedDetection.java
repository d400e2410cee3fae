package dev.yolojava.core.track;

import dev.yolojava.core.Detection;

/**
 * A detection with the id of the track it belongs to: the same object keeps its id from frame to frame.
 *
 * @param trackId   the track's id, from 1, never reused within a tracker
 * @param detection the detection of this frame (its box is the detector's, not the filter's estimate)
 */
public record TrackedDetection(long trackId, Detection detection) {
}
