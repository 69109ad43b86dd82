package io.waddleperf.testserver.probes;

import io.waddleperf.testserver.probes.InvalidProbeSpec.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The probe module's API: turns a probe type, target and JSON parameters into a validated,
 * ready-to-run {@link Probe}, or explains every problem with them at once.
 */
public final class Probes {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final ObjectMapper json;
    private final Validator validator;
    private final SsrfGuard guard;
    private final String userAgent;

    public Probes(ObjectMapper json, Validator validator, SsrfGuard guard, String userAgent) {
        this.json = json;
        this.validator = validator;
        this.guard = guard;
        this.userAgent = userAgent;
    }

    /** Probe types in capability order. */
    public List<String> types() {
        return Arrays.stream(ProbeType.values()).map(ProbeType::wireName).toList();
    }

    /**
     * Validates and builds a probe. Throws {@link InvalidProbeSpec} listing every bad field, or
     * {@link TargetRefused} when the target is an address literal the SSRF guard refuses (names
     * are resolved and checked when the probe runs, as part of what it measures).
     */
    public Probe prepare(ProbeType type, @Nullable String target, @Nullable JsonNode params) {
        List<Violation> violations = new ArrayList<>();
        Probe probe = switch (type) {
            case TCP_CONNECT -> {
                var p = params(ProbeParams.TcpConnect.class, params, violations);
                var t = hostPort(target, -1, violations);
                yield p == null || t == null ? null : new TcpConnectProbe(t, p, guard);
            }
            case UDP_ECHO -> {
                var p = params(ProbeParams.UdpEcho.class, params, violations);
                var t = hostPort(target, 2000, violations);
                yield p == null || t == null ? null : new UdpEchoProbe(t, p, guard);
            }
            case SSH -> {
                var p = params(ProbeParams.Ssh.class, params, violations);
                var t = hostPort(target, 22, violations);
                yield p == null || t == null ? null : new SshProbe(t, p, guard);
            }
            case THROUGHPUT -> {
                var p = params(ProbeParams.Throughput.class, params, violations);
                var t = hostPort(target, 5201, violations);
                yield p == null || t == null ? null : new ThroughputProbe(t, p, guard);
            }
            case HTTP -> {
                var p = params(ProbeParams.Http.class, params, violations);
                URI url = url(target, violations);
                if (url != null) {
                    refuseLiteral(url.getHost().replace("[", "").replace("]", ""));
                }
                yield p == null || url == null ? null : new HttpProbe(url, p, guard, userAgent);
            }
            case DNS -> {
                var p = params(ProbeParams.Dns.class, params, violations);
                Name name = dnsName(target, violations);
                HostPort resolver = null;
                if (p != null && p.resolver() != null) {
                    resolver = HostPort.parse(p.resolver(), 53).orElse(null);
                    if (resolver == null) {
                        violations.add(new Violation("params.resolver", "must be host, host:port or [v6]:port"));
                    } else {
                        refuseLiteral(resolver.host());
                    }
                }
                yield violations.isEmpty() ? new DnsProbe(name, resolver, p, guard) : null;
            }
        };
        if (!violations.isEmpty() || probe == null) {
            violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
            throw new InvalidProbeSpec(violations);
        }
        return probe;
    }

    private <T> @Nullable T params(Class<T> type, @Nullable JsonNode params, List<Violation> violations) {
        if (params != null && !params.isNull() && !params.isObject()) {
            violations.add(new Violation("params", "must be a JSON object"));
            return null;
        }
        T parsed;
        try {
            parsed = json.readerFor(type)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(params == null || params.isNull() ? json.createObjectNode() : params);
        } catch (UnrecognizedPropertyException e) {
            violations.add(new Violation("params." + e.getPropertyName(), "is not a parameter of this probe"));
            return null;
        } catch (JacksonException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b)
                    .map(p -> "params." + p)
                    .orElse("params");
            violations.add(new Violation(path, "has a value of the wrong type or format"));
            return null;
        }
        for (ConstraintViolation<T> violation : validator.validate(parsed)) {
            violations.add(new Violation("params." + violation.getPropertyPath(), violation.getMessage()));
        }
        return parsed;
    }

    private @Nullable HostPort hostPort(@Nullable String target, int defaultPort, List<Violation> violations) {
        Optional<HostPort> parsed = target == null ? Optional.empty() : HostPort.parse(target, defaultPort);
        if (parsed.isEmpty() || parsed.get().port() < 1) {
            violations.add(
                    new Violation("target", defaultPort < 0 ? "must be host:port" : "must be host or host:port"));
            return null;
        }
        refuseLiteral(parsed.get().host());
        return parsed.get();
    }

    private static @Nullable URI url(@Nullable String target, List<Violation> violations) {
        if (target != null && target.length() <= 2048) {
            try {
                URI uri = new URI(target);
                if (HttpProbe.acceptable(uri)) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // Reported below, like every other unusable URL.
            }
        }
        violations.add(new Violation("target", "must be an absolute http:// or https:// URL without credentials"));
        return null;
    }

    private static @Nullable Name dnsName(@Nullable String target, List<Violation> violations) {
        if (target != null && !target.isBlank() && target.length() <= 253) {
            try {
                return Name.fromString(target, Name.root);
            } catch (TextParseException e) {
                // Reported below.
            }
        }
        violations.add(new Violation("target", "must be a DNS name of at most 253 characters"));
        return null;
    }

    /** Early answer for address literals; names are checked after resolution, when the probe runs. */
    private void refuseLiteral(String host) {
        literal(host).ifPresent(address -> guard.check(host, address));
    }

    /**
     * Parses an address literal without ever asking DNS: the JDK would look up a string such as
     * 999.1.1.1 as a name, and validating a spec must not send traffic anywhere.
     */
    static Optional<InetAddress> literal(String host) {
        try {
            if (IPV4_LITERAL.matcher(host).matches()) {
                String[] parts = host.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            // The JDK parses a string that starts with a hex digit or ':' and contains ':' as an
            // IPv6 literal and never resolves it; anything else is not a literal.
            if (IPV6_LITERAL.matcher(host).matches()) {
                return Optional.of(InetAddress.getByName(host));
            }
        } catch (UnknownHostException e) {
            // Not a valid literal: resolution at run time reports the problem.
        }
        return Optional.empty();
    }
}
