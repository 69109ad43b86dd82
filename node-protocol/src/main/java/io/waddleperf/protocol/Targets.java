package io.waddleperf.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses probe targets. Every message here is shown next to the target field as it is, so each
 * says what the target must be rather than what went wrong inside the parser.
 */
public final class Targets {

    static final int MAX_LENGTH = 2048;
    static final int MAX_HOST_LENGTH = 253;

    /** RFC 1123 host names (which include IPv4 literals), with an optional trailing dot. */
    static final String HOST_NAME =
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?";

    private static final Pattern HOST = Pattern.compile(HOST_NAME);
    private static final Pattern IPV6_BRACKETED = Pattern.compile("\\[[0-9a-fA-F:.]+]");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private Targets() {}

    static @Nullable String problem(TargetRule rule, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return "must not be blank";
        }
        String target = raw.strip();
        if (target.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        return switch (rule.format()) {
            case URL -> urlProblem(target);
            case DNS_NAME -> isHostName(target) ? null : "must be a DNS name";
            case HOST_PORT ->
                parseHostPort(target, rule.defaultPort() == null ? -1 : rule.defaultPort())
                        .problem();
        };
    }

    /**
     * The host and port of a target that {@link TargetRule#problem} accepted.
     *
     * @throws IllegalArgumentException when it would not have been accepted
     */
    public static HostPort hostPort(String target, int defaultPort) {
        Parsed parsed = parseHostPort(target.strip(), defaultPort);
        if (parsed.value() == null) {
            throw new IllegalArgumentException("target " + parsed.problem());
        }
        return parsed.value();
    }

    /**
     * The URL of an http target that {@link TargetRule#problem} accepted.
     *
     * @throws IllegalArgumentException when it would not have been accepted
     */
    public static URI url(String target) {
        String problem = urlProblem(target.strip());
        if (problem != null) {
            throw new IllegalArgumentException("target " + problem);
        }
        return URI.create(target.strip());
    }

    static boolean isHostName(String name) {
        return name.length() <= MAX_HOST_LENGTH && HOST.matcher(name).matches();
    }

    private static @Nullable String urlProblem(String target) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            return "must be an http:// or https:// URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http:// or https:// URL";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return "must name a host and carry no credentials";
        }
        if (uri.getPort() > 65_535) {
            return "port must be 1-65535";
        }
        // A fragment is never sent to the server, so a URL with one does not test what it seems to.
        if (uri.getRawFragment() != null) {
            return "must not carry a #fragment";
        }
        return null;
    }

    private record Parsed(
            @Nullable HostPort value, @Nullable String problem) {
        static Parsed bad(String problem) {
            return new Parsed(null, problem);
        }
    }

    private static Parsed parseHostPort(String target, int defaultPort) {
        String host = target;
        String port = null;
        if (target.startsWith("[")) {
            int end = target.indexOf(']');
            if (end < 0) {
                return Parsed.bad("must be host:port with IPv6 addresses in brackets");
            }
            host = target.substring(0, end + 1);
            if (end + 1 < target.length()) {
                if (target.charAt(end + 1) != ':') {
                    return Parsed.bad("must be host:port with IPv6 addresses in brackets");
                }
                port = target.substring(end + 2);
            }
        } else if (target.indexOf(':') >= 0) {
            if (target.indexOf(':') != target.lastIndexOf(':')) {
                return Parsed.bad("must be host:port with IPv6 addresses in brackets");
            }
            host = target.substring(0, target.indexOf(':'));
            port = target.substring(target.indexOf(':') + 1);
        }
        boolean bracketed = IPV6_BRACKETED.matcher(host).matches();
        if (!bracketed && !isHostName(host)) {
            return Parsed.bad("must be a host name or IP address");
        }
        String bare = bracketed ? host.substring(1, host.length() - 1) : host;
        if (port == null) {
            return defaultPort < 1
                    ? Parsed.bad("must include a port (host:port)")
                    : new Parsed(new HostPort(bare, defaultPort), null);
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
            return Parsed.bad("port must be 1-65535");
        }
        return new Parsed(new HostPort(bare, Integer.parseInt(port)), null);
    }
}
