package io.waddleperf.protocol;

/**
 * A probe target of the form {@code host}, {@code host:port} or {@code [v6-literal]:port}. Parsed
 * by {@link Targets}, which says what is wrong when it cannot be.
 */
public record HostPort(String host, int port) {

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
