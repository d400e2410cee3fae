package dev.yolojava.core.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntPropertyTest {
    @Test
    void anUnsetOrBlankPropertyGivesTheFallback() {
        assertThat(IntProperty.parse("p", null, 7, 1, 16)).isEqualTo(7);
        assertThat(IntProperty.parse("p", "  ", 7, 1, 16)).isEqualTo(7);
    }

    @Test
    void aWholeNumberInRangeIsTakenWithSurroundingSpaceIgnored() {
        assertThat(IntProperty.parse("p", " 4 ", 7, 1, 16)).isEqualTo(4);
        assertThat(IntProperty.parse("p", "16", 7, 1, 16)).isEqualTo(16);
        assertThat(IntProperty.parse("p", "1", 7, 1, 16)).isEqualTo(1);
    }

    @Test
    void aTypoOrAValueOutOfRangeNamesThePropertyAndTheValue() {
        for (String bad : new String[] {"four", "4.5", "0", "17", "-1"}) {
            assertThatThrownBy(() -> IntProperty.parse("yolo.x.count", bad, 7, 1, 16))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("yolo.x.count")
                    .hasMessageContaining("\"" + bad + "\"")
                    .hasMessageContaining("from 1 to 16");
        }
    }

    @Test
    void theSystemPropertyIsRead() {
        String name = "yolo.test.intProperty." + System.nanoTime();
        assertThat(IntProperty.get(name, 3, 1, 9)).isEqualTo(3);
        System.setProperty(name, "5");
        try {
            assertThat(IntProperty.get(name, 3, 1, 9)).isEqualTo(5);
            System.setProperty(name, "x");
            assertThatThrownBy(() -> IntProperty.get(name, 3, 1, 9)).hasMessageContaining(name);
        } finally {
            System.clearProperty(name);
        }
    }
}
