package io.waddleperf.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a probe measures; {@link #wireName()} is its name in run specs, capabilities and results. */
public enum ProbeType {
    TCP_CONNECT("tcp_connect", "TCP connect"),
    UDP_ECHO("udp_echo", "UDP echo"),
    HTTP("http", "HTTP(S)"),
    DNS("dns", "DNS"),
    SSH("ssh", "SSH"),
    THROUGHPUT("throughput", "Throughput (iperf3)");

    private final String wireName;
    private final String label;

    ProbeType(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The name people read in forms and reports. */
    public String label() {
        return label;
    }

    public static Optional<ProbeType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** For JSON readers: an unknown name is an error there, not a silent null. */
    @JsonCreator
    static ProbeType fromJson(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown probe type " + name));
    }
}
