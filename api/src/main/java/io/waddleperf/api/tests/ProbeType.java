package io.waddleperf.api.tests;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a test measures; the wire names are the node's probe types (docs/node-protocol.md). */
public enum ProbeType {
    TCP_CONNECT("tcp_connect"),
    UDP_ECHO("udp_echo"),
    HTTP("http"),
    DNS("dns"),
    SSH("ssh"),
    THROUGHPUT("throughput");

    private final String wireName;

    ProbeType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<ProbeType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
