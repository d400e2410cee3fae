package dev.yolojava.core.internal;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassNamesTest {

    @Test
    void parsesUltralyticsNamesMetadata() {
        assertThat(ClassNames.parse("{0: 'person', 1: 'bicycle', 2: \"traffic light\", 3: 'o\\'clock'}"))
                .containsExactly("person", "bicycle", "traffic light", "o'clock");
    }

    @Test
    void fallsBackToCocoAndLabelsUnknownIds() {
        assertThat(ClassNames.fromMetadata(Map.of())).hasSize(80).startsWith("person", "bicycle", "car");
        assertThat(ClassNames.fromMetadata(Map.of("names", "{0: 'cat'}"))).containsExactly("cat");
        assertThat(ClassNames.label(ClassNames.COCO, 16)).isEqualTo("dog");
        assertThat(ClassNames.label(ClassNames.COCO, 80)).isEqualTo("class80");
    }

    @Test
    void gapsInIdsAreAnError() {
        assertThatThrownBy(() -> ClassNames.parse("{0: 'a', 2: 'c'}")).hasMessageContaining("expected 1, got 2");
    }
}
