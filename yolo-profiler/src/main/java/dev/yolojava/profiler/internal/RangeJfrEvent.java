package dev.yolojava.profiler.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A profiler range as a JFR event, so JDK Mission Control shows ranges beside GC and threads. */
@Name("dev.yolojava.ProfilerRange")
@Label("Profiler Range")
@Category({"YOLO", "Profiler"})
@Description("A Profiler.range(...) block")
@StackTrace(false)
public final class RangeJfrEvent extends Event {
    /** range name */
    @Label("Name")
    public String name;
    /** range category */
    @Label("Category")
    public String category;
    /** range id, also the CUPTI external correlation id */
    @Label("Range Id")
    public long rangeId;
}
