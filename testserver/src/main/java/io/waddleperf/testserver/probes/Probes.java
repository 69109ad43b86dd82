package io.waddleperf.testserver.probes;

import io.waddleperf.protocol.HostPort;
import io.waddleperf.protocol.InvalidProbeSpec;
import io.waddleperf.protocol.ProbeContract;
import io.waddleperf.protocol.ProbeContracts;
import io.waddleperf.protocol.ProbeParams;
import io.waddleperf.protocol.ProbeType;
import io.waddleperf.protocol.Targets;
import io.waddleperf.protocol.Violation;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The probe module's API: turns a probe type, target and JSON parameters into a validated,
 * ready-to-run {@link Probe}, or explains every problem with them at once. The rules are the node
 * protocol's ({@link ProbeContracts}), the same the API checks a test with before storing it, so a
 * stored test is never refused here.
 */
public final class Probes {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ObjectMapper json;
    private final SsrfGuard guard;
    private final String userAgent;
    private final PacketCapture capture;

    public Probes(ObjectMapper json, SsrfGuard guard, String userAgent, PacketCapture capture) {
        this.json = json;
        this.guard = guard;
        this.userAgent = userAgent;
        this.capture = capture;
    }

    /** Probe types in capability order. */
    public List<String> types() {
        return ProbeContracts.wireNames();
    }

    /** The probe types, then {@code capture} when throughput runs can record packet headers here. */
    public List<String> capabilities() {
        List<String> capabilities = new ArrayList<>(types());
        if (capture.available()) {
            capabilities.add("capture");
        }
        return List.copyOf(capabilities);
    }

    /**
     * Validates and builds a probe. Throws {@link InvalidProbeSpec} listing every bad field, or
     * {@link TargetRefused} when the target is an address literal the SSRF guard refuses (names
     * are resolved and checked when the probe runs, as part of what it measures).
     */
    public Probe prepare(ProbeType type, @Nullable String target, @Nullable JsonNode params) {
        return prepare(type, target, params, null);
    }

    /**
     * As {@link #prepare(ProbeType, String, JsonNode)}, for the API's run {@code runId}: a
     * throughput probe names it to the iperf3 server it tests, so that server's node can report
     * the session as the run's.
     */
    public Probe prepare(ProbeType type, @Nullable String target, @Nullable JsonNode params, @Nullable String runId) {
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new InvalidProbeSpec(List.of(new Violation("params", "must be a JSON object")));
        }
        Map<String, Object> given = params == null || params.isNull() ? Map.of() : json.convertValue(params, MAP);
        ProbeContract contract = ProbeContracts.of(type);
        List<Violation> violations = contract.check(target, given);
        if (!violations.isEmpty()) {
            throw new InvalidProbeSpec(violations);
        }
        ProbeParams parsed = contract.params(given);
        String spec = target.strip();
        return switch (parsed) {
            case ProbeParams.TcpConnect p -> new TcpConnectProbe(hostPort(spec, -1), p, guard);
            case ProbeParams.UdpEcho p -> new UdpEchoProbe(hostPort(spec, contract), p, guard);
            case ProbeParams.Ssh p -> new SshProbe(hostPort(spec, contract), p, guard);
            case ProbeParams.Throughput p -> new ThroughputProbe(hostPort(spec, contract), p, guard, capture, runId);
            case ProbeParams.Http p -> {
                URI url = Targets.url(spec);
                refuseLiteral(url.getHost().replace("[", "").replace("]", ""));
                yield new HttpProbe(url, p, guard, userAgent);
            }
            case ProbeParams.Dns p -> {
                HostPort resolver = p.resolver() == null ? null : hostPort(p.resolver(), 53);
                yield new DnsProbe(dnsName(spec), resolver, p, guard);
            }
        };
    }

    private HostPort hostPort(String target, ProbeContract contract) {
        Integer port = contract.target().defaultPort();
        return hostPort(target, port == null ? -1 : port);
    }

    private HostPort hostPort(String target, int defaultPort) {
        HostPort parsed = Targets.hostPort(target, defaultPort);
        refuseLiteral(parsed.host());
        return parsed;
    }

    /** The contract accepted the name as an RFC 1123 host name, which dnsjava reads as well. */
    private static Name dnsName(String target) {
        try {
            return Name.fromString(target, Name.root);
        } catch (TextParseException e) {
            throw new InvalidProbeSpec(List.of(new Violation("target", "must be a DNS name")));
        }
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
