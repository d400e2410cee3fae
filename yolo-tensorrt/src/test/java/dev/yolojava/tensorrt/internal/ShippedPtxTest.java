package dev.yolojava.tensorrt.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PTX in the jar must load on every driver that runs the CUDA 12.6 runtime (R525 on), whose JIT
 * reads PTX ISA up to 8.0, and must target the oldest supported GPU (Turing, sm_75).
 */
class ShippedPtxTest {

    @ParameterizedTest
    @ValueSource(strings = {"letterbox.ptx", "postprocess.ptx"})
    void shippedPtxDeclaresIsaAtMostEightAndTargetsTuring(String name) throws IOException {
        String ptx;
        try (InputStream in = ShippedPtxTest.class.getResourceAsStream("/dev/yolojava/tensorrt/" + name)) {
            assertThat(in).as(name + " on the class path").isNotNull();
            ptx = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        Matcher version = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)$").matcher(ptx);
        assertThat(version.find()).as(name + " has a .version line").isTrue();
        int isa = Integer.parseInt(version.group(1)) * 10 + Integer.parseInt(version.group(2));
        assertThat(isa).as(name + " PTX ISA x10 (scripts/build-ptx.sh lowers it)").isLessThanOrEqualTo(80);
        assertThat(ptx).as(name + " target").containsPattern("(?m)^\\.target sm_75$");
        assertThat(ptx).as(name + " address size").containsPattern("(?m)^\\.address_size 64$");
    }
}
