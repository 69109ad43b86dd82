package io.waddleperf.testserver.probes;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The probes a node runs; {@link #wireName()} is the name in run specs and capabilities. */
public enum ProbeType {
    TCP_CONNECT,
    UDP_ECHO,
    HTTP,
    DNS,
    SSH,
    THROUGHPUT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProbeType> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(type -> type.wireName().equals(name))
                .findFirst();
    }
}
