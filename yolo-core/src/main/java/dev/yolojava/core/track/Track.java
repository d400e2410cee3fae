package dev.yolojava.core.track;

import dev.yolojava.core.Detection;

/** One object followed over frames: its Kalman state, its latest detection and its lifecycle. */
final class Track {
    enum State { NEW, TRACKED, LOST, REMOVED }

    final long id;
    final KalmanBoxFilter filter;
    Detection last;
    State state = State.NEW;
    boolean activated;
    long lastSeenFrame;
    long startFrame;

    Track(long id, Detection d, long frame) {
        this.id = id;
        this.last = d;
        double w = d.box().width(), h = d.box().height();
        this.filter = new KalmanBoxFilter(d.box().x1() + w / 2, d.box().y1() + h / 2, w / Math.max(h, 1e-6), h);
        this.lastSeenFrame = frame;
        this.startFrame = frame;
    }

    /** @return the filter's box estimate {@code x1, y1, x2, y2} */
    double[] box() {
        double[] m = filter.mean;
        double h = m[3], w = m[2] * h;
        return new double[]{m[0] - w / 2, m[1] - h / 2, m[0] + w / 2, m[1] + h / 2};
    }

    void predict() {
        if (state != State.TRACKED) {
            filter.mean[7] = 0; // a lost box does not keep growing or shrinking (ByteTrack zeroes vh)
        }
        filter.predict();
    }

    void update(Detection d, long frame) {
        double w = d.box().width(), h = d.box().height();
        filter.update(d.box().x1() + w / 2, d.box().y1() + h / 2, w / Math.max(h, 1e-6), h);
        last = d;
        state = State.TRACKED;
        activated = true;
        lastSeenFrame = frame;
    }
}
