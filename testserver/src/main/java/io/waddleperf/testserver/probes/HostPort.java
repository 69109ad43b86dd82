package io.waddleperf.testserver.probes;

import java.util.Optional;
import java.util.regex.Pattern;

/** A probe target of the form {@code host}, {@code host:port} or {@code [v6-literal]:port}. */
record HostPort(String host, int port) {

    /** Letters, digits, dots, hyphens and underscores (SRV-style labels), or an IPv6 literal. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,253}|[0-9A-Fa-f:.]{2,45}");

    static Optional<HostPort> parse(String target, int defaultPort) {
        if (target == null || target.isEmpty() || target.length() > 300) {
            return Optional.empty();
        }
        String host;
        String port = null;
        if (target.startsWith("[")) {
            int close = target.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = target.substring(1, close);
            String rest = target.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Optional.empty();
                }
                port = rest.substring(1);
            }
        } else {
            int colon = target.lastIndexOf(':');
            if (colon >= 0 && target.indexOf(':') == colon) {
                host = target.substring(0, colon);
                port = target.substring(colon + 1);
            } else {
                // No colon, or several: a bare IPv6 literal without a port.
                host = target;
            }
        }
        if (!HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        if (port == null) {
            return Optional.of(new HostPort(host, defaultPort));
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535 ? Optional.of(new HostPort(host, number)) : Optional.empty();
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
