package dev.yolojava.core.track;

import dev.yolojava.core.BoundingBox;
import dev.yolojava.core.Detection;

import java.util.ArrayList;
import java.util.List;

/**
 * Multi-object tracking by detection with ByteTrack (Zhang et al., 2022), the default tracker of
 * Ultralytics: each frame's detections are matched to the tracks by IoU against the tracks' Kalman
 * predictions, confident detections first, then the low-score ones (which keep occluded objects' tracks
 * alive instead of starting new ones). A track unseen for {@code trackBuffer} frames (scaled to the frame
 * rate) is dropped; its id is never reused. Pure Java, one instance per video stream, not thread-safe.
 * <pre>{@code
 * ByteTracker tracker = ByteTracker.builder().frameRate(30).build();
 * for (RawImage frame : video) {
 *     for (TrackedDetection t : tracker.update(detector.detect(frame))) {
 *         System.out.println(t.trackId() + " " + t.detection());
 *     }
 * }
 * }</pre>
 */
public final class ByteTracker {
    private final float highThreshold;
    private final float lowThreshold;
    private final float newTrackThreshold;
    private final float matchThreshold;
    private final int maxLostFrames;
    private final boolean fuseScore;
    private final List<Track> tracked = new ArrayList<>();
    private final List<Track> lost = new ArrayList<>();
    private long frame;
    private long nextId = 1;

    private ByteTracker(Builder b) {
        this.highThreshold = b.highThreshold;
        this.lowThreshold = b.lowThreshold;
        this.newTrackThreshold = b.newTrackThreshold;
        this.matchThreshold = b.matchThreshold;
        this.maxLostFrames = Math.max(1, Math.round(b.frameRate / 30f * b.trackBuffer));
        this.fuseScore = b.fuseScore;
    }

    /** @return a builder with Ultralytics' {@code bytetrack.yaml} defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Advances one frame.
     *
     * @param detections this frame's detections (any order)
     * @return the detections that belong to confirmed tracks, each with its track id; detections of
     *         objects seen for the first time are returned from their second frame on (or at once in the
     *         tracker's first frame)
     */
    public List<TrackedDetection> update(List<Detection> detections) {
        java.util.Objects.requireNonNull(detections, "detections");
        frame++;
        List<Detection> high = new ArrayList<>(), low = new ArrayList<>();
        for (Detection d : detections) {
            if (d.score() >= highThreshold) {
                high.add(d);
            } else if (d.score() > lowThreshold) {
                low.add(d);
            }
        }
        List<Track> unconfirmed = new ArrayList<>(), confirmed = new ArrayList<>();
        for (Track t : tracked) {
            (t.activated ? confirmed : unconfirmed).add(t);
        }
        List<Track> pool = new ArrayList<>(confirmed);
        pool.addAll(lost);
        pool.forEach(Track::predict);
        unconfirmed.forEach(Track::predict);

        // 1: confident detections against every confirmed or lost track
        int[] m1 = match(pool, high, matchThreshold, fuseScore);
        List<Track> found = new ArrayList<>();
        boolean[] highUsed = new boolean[high.size()];
        List<Track> remaining = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            if (m1[i] >= 0) {
                pool.get(i).update(high.get(m1[i]), frame);
                highUsed[m1[i]] = true;
                found.add(pool.get(i));
            } else if (pool.get(i).state == Track.State.TRACKED) {
                remaining.add(pool.get(i));
            }
        }
        // 2: low-score detections against the tracks that were being followed and are still unmatched
        int[] m2 = match(remaining, low, 0.5f, false);
        List<Track> nowLost = new ArrayList<>();
        for (int i = 0; i < remaining.size(); i++) {
            if (m2[i] >= 0) {
                remaining.get(i).update(low.get(m2[i]), frame);
                found.add(remaining.get(i));
            } else {
                remaining.get(i).state = Track.State.LOST;
                nowLost.add(remaining.get(i));
            }
        }
        // 3: tracks started last frame get one chance at the confident detections left
        List<Detection> leftHigh = new ArrayList<>();
        for (int j = 0; j < high.size(); j++) {
            if (!highUsed[j]) {
                leftHigh.add(high.get(j));
            }
        }
        int[] m3 = match(unconfirmed, leftHigh, 0.7f, fuseScore);
        boolean[] leftUsed = new boolean[leftHigh.size()];
        for (int i = 0; i < unconfirmed.size(); i++) {
            if (m3[i] >= 0) {
                unconfirmed.get(i).update(leftHigh.get(m3[i]), frame);
                leftUsed[m3[i]] = true;
                found.add(unconfirmed.get(i));
            } else {
                unconfirmed.get(i).state = Track.State.REMOVED;
            }
        }
        // 4: new tracks from confident detections nobody claimed
        List<Track> started = new ArrayList<>();
        for (int j = 0; j < leftHigh.size(); j++) {
            Detection d = leftHigh.get(j);
            if (!leftUsed[j] && d.score() >= newTrackThreshold) {
                Track t = new Track(nextId++, d, frame);
                t.state = Track.State.TRACKED;
                t.activated = frame == 1; // only the first frame confirms at once
                started.add(t);
            }
        }
        // 5: bookkeeping
        tracked.clear();
        for (Track t : found) {
            if (t.state == Track.State.TRACKED && !tracked.contains(t)) {
                tracked.add(t);
            }
        }
        tracked.addAll(started);
        List<Track> stillLost = new ArrayList<>();
        for (Track t : lost) {
            if (t.state == Track.State.LOST && frame - t.lastSeenFrame <= maxLostFrames) {
                stillLost.add(t);
            }
        }
        for (Track t : nowLost) {
            if (frame - t.lastSeenFrame <= maxLostFrames) {
                stillLost.add(t);
            }
        }
        lost.clear();
        lost.addAll(stillLost);
        List<TrackedDetection> out = new ArrayList<>();
        for (Track t : tracked) {
            if (t.activated && t.lastSeenFrame == frame) {
                out.add(new TrackedDetection(t.id, t.last));
            }
        }
        return out;
    }

    /** Forgets every track (a new scene or a new stream); ids keep increasing. */
    public void reset() {
        tracked.clear();
        lost.clear();
        frame = 0;
    }

    /** Matches tracks to detections on {@code 1 - IoU} (times the score when fused), at most {@code limit}. */
    private static int[] match(List<Track> tracks, List<Detection> dets, float limit, boolean fuse) {
        double[] cost = new double[tracks.size() * dets.size()];
        for (int i = 0; i < tracks.size(); i++) {
            double[] b = tracks.get(i).box();
            for (int j = 0; j < dets.size(); j++) {
                BoundingBox d = dets.get(j).box();
                double iou = BoundingBox.iou((float) b[0], (float) b[1], (float) b[2], (float) b[3], d.x1(), d.y1(), d.x2(),
                        d.y2());
                cost[i * dets.size() + j] = 1 - (fuse ? iou * dets.get(j).score() : iou);
            }
        }
        return Assignment.solve(cost, tracks.size(), dets.size(), limit);
    }

    /** Configures a {@link ByteTracker}; defaults are Ultralytics' {@code bytetrack.yaml}. */
    public static final class Builder {
        private float highThreshold = 0.25f;
        private float lowThreshold = 0.1f;
        private float newTrackThreshold = 0.25f;
        private float matchThreshold = 0.8f;
        private int trackBuffer = 30;
        private float frameRate = 30;
        private boolean fuseScore = true;

        Builder() {
        }

        /**
         * @param threshold detections scoring at least this are matched first and may start tracks (default 0.25)
         * @return this builder
         */
        public Builder highThreshold(float threshold) {
            this.highThreshold = unit("highThreshold", threshold);
            return this;
        }

        /**
         * @param threshold detections scoring above this (and below the high threshold) only keep tracks alive
         *                  (default 0.1)
         * @return this builder
         */
        public Builder lowThreshold(float threshold) {
            this.lowThreshold = unit("lowThreshold", threshold);
            return this;
        }

        /**
         * @param threshold least score of a detection that starts a new track (default 0.25)
         * @return this builder
         */
        public Builder newTrackThreshold(float threshold) {
            this.newTrackThreshold = unit("newTrackThreshold", threshold);
            return this;
        }

        /**
         * @param threshold largest {@code 1 - IoU} cost of a first-round match (default 0.8)
         * @return this builder
         */
        public Builder matchThreshold(float threshold) {
            this.matchThreshold = unit("matchThreshold", threshold);
            return this;
        }

        /**
         * @param frames frames (at 30 FPS) a lost track is kept before it is dropped (default 30)
         * @return this builder
         */
        public Builder trackBuffer(int frames) {
            if (frames < 1) {
                throw new IllegalArgumentException("trackBuffer must be >= 1, got " + frames);
            }
            this.trackBuffer = frames;
            return this;
        }

        /**
         * @param fps the stream's frame rate; scales the track buffer (default 30)
         * @return this builder
         */
        public Builder frameRate(float fps) {
            if (!(fps > 0)) {
                throw new IllegalArgumentException("frameRate must be > 0, got " + fps);
            }
            this.frameRate = fps;
            return this;
        }

        /**
         * @param fuse weigh the IoU by the detection's score when matching (default true)
         * @return this builder
         */
        public Builder fuseScore(boolean fuse) {
            this.fuseScore = fuse;
            return this;
        }

        /**
         * @return the tracker
         * @throws IllegalArgumentException when the low threshold is not below the high one
         */
        public ByteTracker build() {
            if (lowThreshold >= highThreshold) {
                throw new IllegalArgumentException("lowThreshold must be below highThreshold, got " + lowThreshold
                        + " >= " + highThreshold);
            }
            return new ByteTracker(this);
        }

        private static float unit(String name, float v) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], got " + v);
            }
            return v;
        }
    }
}
