package io.waddleperf.testserver.probes;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides which addresses a probe may connect to, so that a run spec cannot turn a node into a
 * proxy for its own network (SSRF).
 *
 * <p>Callers resolve a host once with {@link #resolve(String)}, which checks every address the
 * name has, and then connect to one of the returned addresses, never to the name again: a second
 * lookup could answer differently (DNS rebinding). IPv6 addresses that embed an IPv4 address
 * (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they lead to.
 */
public final class SsrfGuard {

    /** Cloud instance metadata services: AWS/GCP/Azure/OpenStack, AWS IPv6, Alibaba. */
    private static final List<Range> METADATA = List.of(
            Range.parse("169.254.169.254/32"), Range.parse("fd00:ec2::254/128"), Range.parse("100.100.100.200/32"));

    private static final List<Range> LINK_LOCAL = List.of(Range.parse("169.254.0.0/16"), Range.parse("fe80::/10"));
    private static final List<Range> PRIVATE = List.of(
            Range.parse("10.0.0.0/8"),
            Range.parse("172.16.0.0/12"),
            Range.parse("192.168.0.0/16"),
            // Carrier-grade NAT space is private to the provider's network.
            Range.parse("100.64.0.0/10"),
            Range.parse("fc00::/7"));
    private static final List<Range> LOOPBACK = List.of(Range.parse("127.0.0.0/8"), Range.parse("::1/128"));
    private static final List<Range> UNSPECIFIED = List.of(Range.parse("0.0.0.0/8"), Range.parse("::/128"));
    private static final List<Range> MULTICAST_OR_RESERVED =
            List.of(Range.parse("224.0.0.0/4"), Range.parse("240.0.0.0/4"), Range.parse("ff00::/8"));

    private final boolean allowPrivate;
    private final boolean allowLoopback;

    public SsrfGuard(boolean allowPrivate, boolean allowLoopback) {
        this.allowPrivate = allowPrivate;
        this.allowLoopback = allowLoopback;
    }

    SsrfGuard(ProbeProperties properties) {
        this(properties.allowPrivate(), properties.allowLoopback());
    }

    /**
     * Resolves {@code host} once and returns its addresses, all of which are allowed. A name with
     * any refused address is refused as a whole: picking the "good" one would let an attacker
     * who controls the zone decide which address we hit.
     */
    public List<InetAddress> resolve(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new ProbeFailed("unresolvable", host + " does not resolve", e);
        }
        for (InetAddress address : addresses) {
            check(host, address);
        }
        return List.of(addresses);
    }

    /** Throws {@link TargetRefused} unless the node may connect to {@code address}. */
    public InetAddress check(String host, InetAddress address) {
        Optional<String> reason = refusal(address);
        if (reason.isPresent()) {
            throw new TargetRefused(host, address, reason.get());
        }
        return address;
    }

    /** Why {@code address} is refused, or empty when a probe may connect to it. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress effective = embeddedIpv4(address).orElse(address);
        if (in(METADATA, address) || in(METADATA, effective)) {
            return Optional.of("metadata");
        }
        if (in(LINK_LOCAL, effective)) {
            return Optional.of("link-local");
        }
        if (in(UNSPECIFIED, effective)) {
            return Optional.of("unspecified");
        }
        if (in(MULTICAST_OR_RESERVED, effective) || isBroadcast(effective)) {
            return Optional.of("multicast or reserved");
        }
        if (in(LOOPBACK, effective)) {
            return allowLoopback ? Optional.empty() : Optional.of("loopback");
        }
        if (in(PRIVATE, effective)) {
            return allowPrivate ? Optional.empty() : Optional.of("private");
        }
        return Optional.empty();
    }

    private static boolean in(List<Range> ranges, InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    private static boolean isBroadcast(InetAddress address) {
        return address instanceof Inet4Address && Arrays.equals(address.getAddress(), new byte[] {-1, -1, -1, -1});
    }

    /**
     * The IPv4 address an IPv6 address stands for: ::ffff:a.b.c.d (mapped), ::a.b.c.d
     * (compatible), 64:ff9b::a.b.c.d (NAT64 well-known prefix) and 2002:aabb:ccdd::/48 (6to4).
     */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Optional.of(v4(b, 12));
        }
        if (zero(b, 0, 12) && !(zero(b, 12, 15) && (b[15] == 0 || b[15] == 1))) {
            return Optional.of(v4(b, 12));
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
            return Optional.of(v4(b, 12));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(v4(b, 2));
        }
        return Optional.empty();
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte[] bytes, int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /** A CIDR block; compared byte by byte so IPv4 and IPv6 share one code path. */
    record Range(byte[] network, int prefix) {

        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                return new Range(network, Integer.parseInt(cidr.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }
    }
}
