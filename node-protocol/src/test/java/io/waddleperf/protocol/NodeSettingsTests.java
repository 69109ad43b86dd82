package io.waddleperf.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeSettingsTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.0.0.0/8",
                "0.0.0.0/0",
                "192.0.2.7/32",
                "::1",
                "::",
                "::/0",
                "2001:db8::/32",
                "fe80::1:2:3:4",
                "1:2:3:4:5:6:7:8",
                "::ffff:192.0.2.1",
                "1:2:3:4:5:6:192.0.2.1/128"
            })
    void acceptsAddressesAndBlocks(String entry) {
        assertThat(NodeSettings.isAddressOrBlock(entry)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "localhost",
                "example.com",
                "256.0.0.1",
                "10.0.0",
                "010.0.0.1",
                "10.0.0.0/33",
                "10.0.0.0/",
                "10.0.0.0/-1",
                "10.0.0.0/8/8",
                "2001:db8::/129",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "1::2::3",
                ":::",
                "12345::",
                "fe80::1%eth0",
                " 10.0.0.1"
            })
    void refusesAnythingElse(String entry) {
        assertThat(NodeSettings.isAddressOrBlock(entry)).isFalse();
    }

    @Test
    void anEmptyRecordKeepsTheNodesOwnConfigurationAndPasses() {
        assertThat(new NodeSettings(1, null, null, null, null, null).check()).isEmpty();
    }

    @Test
    void listsEveryBadFieldWithItsMessage() {
        NodeSettings settings =
                new NodeSettings(3, List.of("10.0.0.0/8", "nope"), 0, 257, "eu central", List.of("ok", "bad label"));

        assertThat(settings.check())
                .containsExactly(
                        new Violation("allowlist[1]", NodeSettings.ALLOWLIST_MESSAGE),
                        new Violation("idleTimeoutSeconds", NodeSettings.IDLE_TIMEOUT_MESSAGE),
                        new Violation("capacity", NodeSettings.CAPACITY_MESSAGE),
                        new Violation("region", NodeSettings.REGION_MESSAGE),
                        new Violation("labels[1]", NodeSettings.LABEL_MESSAGE));
    }

    @Test
    void boundsTheListsAndAcceptsTheirEdges() {
        List<String> allowlist = Collections.nCopies(NodeSettings.MAX_ALLOWLIST, "192.0.2.1");
        List<String> labels = Collections.nCopies(NodeSettings.MAX_LABELS, "edge");
        assertThat(new NodeSettings(1, allowlist, 1, 1, "r", labels).check()).isEmpty();
        assertThat(new NodeSettings(1, List.of(), 600, 256, "r", List.of()).check())
                .isEmpty();

        List<String> tooMany = Collections.nCopies(NodeSettings.MAX_ALLOWLIST + 1, "192.0.2.1");
        List<String> tooManyLabels = Collections.nCopies(NodeSettings.MAX_LABELS + 1, "edge");
        assertThat(new NodeSettings(1, tooMany, 601, null, null, tooManyLabels).check())
                .extracting(Violation::field)
                .containsExactly("allowlist", "idleTimeoutSeconds", "labels");
    }
}
