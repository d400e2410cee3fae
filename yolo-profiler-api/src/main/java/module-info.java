/**
 * The profiler's API: {@link dev.yolojava.profiler.Profiler} and its ranges, the configuration, and the captured
 * data. No dependencies; the implementation ({@code dev.yolojava.profiler}, artifact yolo-profiler) provides
 * {@link dev.yolojava.profiler.provider.ProfilerProvider}.
 */
module dev.yolojava.profiler.api {
    exports dev.yolojava.profiler;
    exports dev.yolojava.profiler.model;
    exports dev.yolojava.profiler.provider;

    uses dev.yolojava.profiler.provider.ProfilerProvider;
}
