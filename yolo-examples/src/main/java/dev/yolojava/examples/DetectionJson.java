package dev.yolojava.examples;

import dev.yolojava.core.Detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of detections in the CLI's reports: detections.json and the per-frame lines of videos. */
final class DetectionJson {
    private DetectionJson() {
    }

    /**
     * @param dets     the detections
     * @param trackIds each detection's track id, where it has one (by identity)
     * @return one map per detection: {@code trackId} (if tracked), {@code classId}, {@code label}, {@code score},
     *         {@code box} [x1, y1, x2, y2]
     */
    static List<Map<String, Object>> of(List<Detection> dets, Map<Detection, Long> trackIds) {
        List<Map<String, Object>> list = new ArrayList<>(dets.size());
        for (Detection d : dets) {
            Map<String, Object> e = new LinkedHashMap<>();
            Long id = trackIds.get(d);
            if (id != null) {
                e.put("trackId", id);
            }
            e.put("classId", d.classId());
            e.put("label", d.label());
            e.put("score", d.score());
            e.put("box", List.of(d.box().x1(), d.box().y1(), d.box().x2(), d.box().y2()));
            list.add(e);
        }
        return list;
    }
}
