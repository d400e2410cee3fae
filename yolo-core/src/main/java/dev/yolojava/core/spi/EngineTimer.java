package dev.yolojava.core.spi;

/**
 * A backend that can time its engine alone, with inputs and outputs already on the device: the
 * floor any end-to-end latency is measured against ({@code yolo bench}).
 */
public interface EngineTimer {

    /**
     * Runs the engine {@code iterations} times on device-resident buffers, after a warm-up.
     *
     * @param batch      batch size
     * @param iterations timed runs
     * @return each run's time in milliseconds
     */
    double[] timeEngine(int batch, int iterations);
}
