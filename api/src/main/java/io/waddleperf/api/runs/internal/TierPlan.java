package io.waddleperf.api.runs.internal;

import io.waddleperf.api.runs.internal.RunStore.NewProbe;
import io.waddleperf.api.shared.errors.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The probes of a tier run (SPEC section 6) and their targets, derived from the one target a tier
 * run names: a host ({@code example.com}), {@code host:port}, or an {@code http(s)://} URL.
 *
 * <ul>
 *   <li>{@code tcp_connect} connects to {@code host:port}: the given port, else the URL scheme's
 *       (80/443), else 443;
 *   <li>{@code http} fetches the URL as given; for a host, {@code https://host/}; for
 *       {@code host:port}, {@code https://host:port/} on 443 and {@code http://host:port/}
 *       otherwise;
 *   <li>{@code dns} looks the host name up (at {@code dnsResolver} when given);
 *   <li>{@code udp_echo} talks to {@code host:udpEchoPort} (2000, a WaddlePerf node's echo);
 *   <li>{@code throughput} measures against the host's iperf3 port (5201 unless the request names
 *       another), for 10 s at tier 2 and 60 s at tier 3 (operator settings); at tier 3 it asks the
 *       node for a header-only packet capture, which the node hands to the archive.
 * </ul>
 */
public final class TierPlan {

    public static final int DEFAULT_UDP_ECHO_PORT = 2000;
    public static final int DEFAULT_IPERF_PORT = 5201;

    private static final Pattern HOST_PORT =
            Pattern.compile("(?<host>\\[[0-9a-fA-F:.]+]|[A-Za-z0-9.-]+)(:(?<port>\\d{1,5}))?");
    private static final Pattern HOST_NAME =
            Pattern.compile("(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private TierPlan() {}

    /** Where a tier run's probes go. */
    public record Target(String host, int port, String url) {}

    /**
     * The settings of one tier run beside its target.
     *
     * @param dnsResolver {@code host[:port]} the DNS probe asks; null uses the node's
     * @param udpEchoPort the target's UDP echo port
     * @param iperfPort the target's iperf3 port
     * @param tier2ThroughputSeconds how long tier 2's throughput probe transfers
     * @param tier3ThroughputSeconds how long tier 3's throughput probe transfers
     */
    public record Settings(
            @Nullable String dnsResolver,
            int udpEchoPort,
            int iperfPort,
            int tier2ThroughputSeconds,
            int tier3ThroughputSeconds) {}

    /** The target, or the field errors that say why it is not one. */
    public static Target parse(String target, List<FieldError> errors) {
        String value = target.strip();
        if (value.contains("://")) {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    errors.add(new FieldError("target", "must be a host, host:port or an http(s) URL"));
                    return null;
                }
                int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
                return new Target(uri.getHost(), port, value);
            } catch (URISyntaxException e) {
                errors.add(new FieldError("target", "is not a valid URL: " + e.getReason()));
                return null;
            }
        }
        Matcher matcher = HOST_PORT.matcher(value);
        if (!matcher.matches() || !validHost(matcher.group("host"))) {
            errors.add(new FieldError("target", "must be a host, host:port or an http(s) URL"));
            return null;
        }
        String host = matcher.group("host");
        if (matcher.group("port") == null) {
            return new Target(host, 443, "https://" + host + "/");
        }
        int port = Integer.parseInt(matcher.group("port"));
        if (port < 1 || port > 65535) {
            errors.add(new FieldError("target", "port must be 1-65535"));
            return null;
        }
        return new Target(host, port, (port == 443 ? "https://" : "http://") + host + ":" + port + "/");
    }

    /** Whether {@code value} is a {@code host[:port]} a DNS probe may ask. */
    public static boolean validResolver(String value) {
        Matcher matcher = HOST_PORT.matcher(value.strip());
        return matcher.matches()
                && validHost(matcher.group("host"))
                && (matcher.group("port") == null || Integer.parseInt(matcher.group("port")) <= 65535);
    }

    /** The probes of {@code tier} against {@code target}, in the order SPEC section 6 lists them. */
    public static List<NewProbe> probes(int tier, Target target, Settings settings) {
        String hostPort = target.host() + ":" + target.port();
        String echo = target.host() + ":" + settings.udpEchoPort();
        String iperf = target.host() + ":" + settings.iperfPort();
        String dnsResolver = settings.dnsResolver();
        int udpEchoPort = settings.udpEchoPort();
        Map<String, Object> dns = new LinkedHashMap<>();
        if (dnsResolver != null && !dnsResolver.isBlank()) {
            dns.put("resolver", dnsResolver.strip());
        }
        List<NewProbe> probes = new ArrayList<>();
        switch (tier) {
            case 1 -> {
                probes.add(new NewProbe("tcp_connect", hostPort, Map.of("count", 10)));
                probes.add(new NewProbe("dns", target.host(), dns));
                probes.add(new NewProbe("http", target.url(), Map.of()));
                probes.add(new NewProbe("udp_echo", echo, Map.of("count", 10)));
            }
            case 2 -> {
                probes.add(new NewProbe("udp_echo", echo, Map.of("count", 50)));
                probes.add(new NewProbe(
                        "throughput",
                        iperf,
                        Map.of("durationSeconds", settings.tier2ThroughputSeconds(), "echoPort", udpEchoPort)));
                probes.add(new NewProbe("http", target.url(), Map.of()));
            }
            case 3 -> {
                probes.add(new NewProbe(
                        "throughput",
                        iperf,
                        // Latency under load: the node pings the host's UDP echo port during the transfer;
                        // capture: the node records the test's packet headers for the archive.
                        Map.of(
                                "durationSeconds",
                                settings.tier3ThroughputSeconds(),
                                "bidirectional",
                                true,
                                "streams",
                                4,
                                "echoPort",
                                udpEchoPort,
                                "capture",
                                true)));
                probes.add(new NewProbe("udp_echo", echo, Map.of("count", 100)));
            }
            default -> throw new IllegalArgumentException("tiers are 1, 2 and 3");
        }
        return List.copyOf(probes);
    }

    private static boolean validHost(String host) {
        if (host.startsWith("[")) {
            return true;
        }
        if (IPV4.matcher(host).matches()) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        return host.length() <= 253 && HOST_NAME.matcher(host).matches();
    }
}
