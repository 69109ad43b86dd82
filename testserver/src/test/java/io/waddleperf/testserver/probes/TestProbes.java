package io.waddleperf.testserver.probes;

import io.waddleperf.protocol.ProbeType;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds the probe module the way the application does, with loopback allowed for tests. */
final class TestProbes {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private TestProbes() {}

    static Probes loopbackAllowed() {
        return new Probes(JSON, new SsrfGuard(false, true), "WaddlePerf-node/test", noCapture());
    }

    static Probes strict() {
        return new Probes(JSON, new SsrfGuard(false, false), "WaddlePerf-node/test", noCapture());
    }

    /** Capture switched off, so a test does not depend on tcpdump or root. */
    static PacketCapture noCapture() {
        return PacketCapture.detect(new CaptureProperties(false, null, Duration.ofSeconds(5), 400_000));
    }

    static JsonNode params(String json) {
        return JSON.readTree(json);
    }

    static Object run(ProbeType type, String target, String params) throws InterruptedException {
        return loopbackAllowed().prepare(type, target, params(params)).run();
    }
}
