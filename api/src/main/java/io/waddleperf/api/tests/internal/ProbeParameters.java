package io.waddleperf.api.tests.internal;

import io.waddleperf.api.shared.web.Problems.FieldError;
import io.waddleperf.api.tests.NodeSelector;
import io.waddleperf.api.tests.ProbeType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a test's target and parameters against the bounds of SPEC section 5 and the node's probe
 * contract (docs/node-protocol.md), so a test that is stored can also run. Every problem is
 * reported, each with its JSON path ({@code params.count}), and unknown parameters are refused so a
 * typo does not silently fall back to a default.
 */
public final class ProbeParameters {

    private static final Pattern HOST =
            Pattern.compile("(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern IPV6_BRACKETED = Pattern.compile("\\[[0-9a-fA-F:.]+]");
    private static final Pattern PRINTABLE_TOKEN = Pattern.compile("[\\x21-\\x7e]{8,32}");
    private static final Set<String> QTYPES = Set.of(
            "A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "SRV", "PTR", "CAA", "HTTPS", "SVCB", "DS", "DNSKEY");

    private sealed interface Rule permits IntRule, ChoiceRule, BoolRule, PatternRule {
        String name();
    }

    private record IntRule(String name, long min, long max) implements Rule {}

    private record ChoiceRule(String name, Set<String> choices) implements Rule {}

    private record BoolRule(String name) implements Rule {}

    private record PatternRule(String name, Pattern pattern, String describe) implements Rule {}

    private static final Map<ProbeType, List<Rule>> RULES = Map.of(
            ProbeType.TCP_CONNECT,
            List.of(
                    new IntRule("count", 1, 1000),
                    new IntRule("intervalMillis", 0, 10_000),
                    new IntRule("timeoutMillis", 100, 30_000)),
            ProbeType.UDP_ECHO,
            List.of(
                    new IntRule("count", 1, 10_000),
                    new IntRule("intervalMillis", 1, 1000),
                    new IntRule("packetSize", 64, 9000),
                    new IntRule("timeoutMillis", 100, 10_000),
                    new PatternRule("token", PRINTABLE_TOKEN, "8-32 printable ASCII characters")),
            ProbeType.HTTP,
            List.of(
                    new ChoiceRule("method", Set.of("GET", "HEAD")),
                    new IntRule("timeoutMillis", 100, 60_000),
                    new BoolRule("insecure"),
                    new IntRule("maxBodyBytes", 0, 100L * 1024 * 1024)),
            ProbeType.DNS,
            List.of(
                    new PatternRule("resolver", Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}"), "host[:port]"),
                    new ChoiceRule("qtype", QTYPES),
                    new IntRule("timeoutMillis", 100, 30_000),
                    new BoolRule("tcp")),
            ProbeType.SSH,
            List.of(new IntRule("timeoutMillis", 100, 30_000)),
            ProbeType.THROUGHPUT,
            List.of(
                    new ChoiceRule("protocol", Set.of("tcp", "udp")),
                    new IntRule("durationSeconds", 1, 300),
                    new IntRule("streams", 1, 128),
                    new IntRule("packetSize", 64, 9000),
                    new IntRule("bandwidthBitsPerSecond", 0, 100_000_000_000L),
                    new IntRule("omitSeconds", 0, 10),
                    new BoolRule("reverse"),
                    new BoolRule("bidirectional"),
                    // The node measures latency under load by UDP echo to this port of the target.
                    new IntRule("echoPort", 1, 65_535)));

    private ProbeParameters() {}

    /** All problems with a test's type, target, parameters and node selector; empty when valid. */
    public static List<FieldError> check(
            @Nullable String type,
            @Nullable String target,
            @Nullable Map<String, Object> params,
            @Nullable NodeSelector selector) {
        List<FieldError> errors = new ArrayList<>();
        ProbeType probe = type == null ? null : ProbeType.fromWireName(type).orElse(null);
        if (probe == null) {
            errors.add(new FieldError("type", "must be one of tcp_connect, udp_echo, http, dns, ssh, throughput"));
        }
        if (target == null || target.isBlank()) {
            errors.add(new FieldError("target", "must not be blank"));
        } else if (probe != null) {
            String problem = targetProblem(probe, target.strip());
            if (problem != null) {
                errors.add(new FieldError("target", problem));
            }
        }
        if (probe != null) {
            errors.addAll(paramProblems(probe, params == null ? Map.of() : params));
        }
        errors.addAll(selectorProblems(selector));
        return errors;
    }

    /** The parameters with their types normalised (numbers as longs), for storage. */
    public static Map<String, Object> normalise(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((key, value) -> out.put(key, value instanceof Number n ? (Object) n.longValue() : value));
        return out;
    }

    private static @Nullable String targetProblem(ProbeType probe, String target) {
        if (target.length() > 2048) {
            return "must be at most 2048 characters";
        }
        return switch (probe) {
            case HTTP -> urlProblem(target);
            case DNS -> HOST.matcher(target).matches() && target.length() <= 253 ? null : "must be a DNS name";
            case TCP_CONNECT -> hostPortProblem(target, true);
            case UDP_ECHO, SSH, THROUGHPUT -> hostPortProblem(target, false);
        };
    }

    private static @Nullable String urlProblem(String target) {
        try {
            URI uri = new URI(target);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "must be an http:// or https:// URL";
            }
            if (uri.getHost() == null || uri.getUserInfo() != null) {
                return "must name a host and carry no credentials";
            }
            return null;
        } catch (URISyntaxException e) {
            return "must be an http:// or https:// URL";
        }
    }

    private static @Nullable String hostPortProblem(String target, boolean portRequired) {
        String host = target;
        String port = null;
        if (target.startsWith("[")) {
            int end = target.indexOf(']');
            if (end < 0) {
                return "must be host:port with IPv6 addresses in brackets";
            }
            host = target.substring(0, end + 1);
            if (end + 1 < target.length()) {
                if (target.charAt(end + 1) != ':') {
                    return "must be host:port with IPv6 addresses in brackets";
                }
                port = target.substring(end + 2);
            }
        } else if (target.indexOf(':') >= 0) {
            if (target.indexOf(':') != target.lastIndexOf(':')) {
                return "must be host:port with IPv6 addresses in brackets";
            }
            host = target.substring(0, target.indexOf(':'));
            port = target.substring(target.indexOf(':') + 1);
        }
        boolean hostOk =
                IPV6_BRACKETED.matcher(host).matches() || (HOST.matcher(host).matches() && host.length() <= 253);
        if (!hostOk) {
            return "must be a host name or IP address";
        }
        if (port == null) {
            return portRequired ? "must include a port (host:port)" : null;
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return "port must be 1-65535";
        }
        return null;
    }

    private static List<FieldError> paramProblems(ProbeType probe, Map<String, Object> params) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Rule> rules = new LinkedHashMap<>();
        RULES.get(probe).forEach(rule -> rules.put(rule.name(), rule));
        params.forEach((name, value) -> {
            Rule rule = rules.get(name);
            String field = "params." + name;
            if (rule == null) {
                errors.add(new FieldError(
                        field, "is not a parameter of " + probe.wireName() + "; allowed: " + rules.keySet()));
                return;
            }
            String problem = switch (rule) {
                case IntRule r ->
                    value instanceof Number n
                                    && n.doubleValue() == Math.rint(n.doubleValue())
                                    && n.longValue() >= r.min()
                                    && n.longValue() <= r.max()
                            ? null
                            : "must be a whole number from " + r.min() + " to " + r.max();
                case ChoiceRule r ->
                    value instanceof String s && r.choices().contains(s)
                            ? null
                            : "must be one of " + r.choices().stream().sorted().toList();
                case BoolRule r -> value instanceof Boolean ? null : "must be true or false";
                case PatternRule r ->
                    value instanceof String s && r.pattern().matcher(s).matches() ? null : "must be " + r.describe();
            };
            if (problem != null) {
                errors.add(new FieldError(field, problem));
            }
        });
        if (probe == ProbeType.THROUGHPUT
                && Boolean.TRUE.equals(params.get("reverse"))
                && Boolean.TRUE.equals(params.get("bidirectional"))) {
            errors.add(new FieldError("params.bidirectional", "cannot be combined with reverse"));
        }
        return errors;
    }

    private static List<FieldError> selectorProblems(@Nullable NodeSelector selector) {
        if (selector == null) {
            return List.of(new FieldError("nodeSelector", "must name a nodeId, a region or a label"));
        }
        int given = (selector.nodeId() == null ? 0 : 1)
                + (selector.region() == null ? 0 : 1)
                + (selector.label() == null ? 0 : 1);
        if (given != 1) {
            return List.of(new FieldError("nodeSelector", "must name exactly one of nodeId, region, label"));
        }
        String text = selector.region() != null ? selector.region() : selector.label();
        if (text != null && !text.matches("[A-Za-z0-9._=:-]{1,64}")) {
            return List.of(new FieldError(
                    selector.region() != null ? "nodeSelector.region" : "nodeSelector.label",
                    "must be 1-64 letters, digits or . _ = : -"));
        }
        return List.of();
    }
}
