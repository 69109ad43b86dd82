package io.waddleperf.api.notifications.internal;

import io.waddleperf.api.shared.web.Cidr;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard for webhook URLs: http(s) only, and every address the host resolves to must be
 * public, so a channel cannot make the API call its own admin ports, the cloud's metadata service
 * (169.254.169.254) or the private network behind it. Checked when a channel is saved (a field
 * error) and again before every send, because a name that resolved to a public address then may
 * resolve to a private one now (DNS rebinding). The check and the HTTP client's connect use the
 * JVM's address cache, so they see the same answer within its TTL; redirects are never followed.
 * {@code waddleperf.notifications.allow-private-targets} or {@code allowed-targets} (CIDRs) let an
 * operator reach internal receivers.
 */
@Component
class TargetGuard {

    private static final List<Cidr> NON_PUBLIC = List.of(
            Cidr.parse("0.0.0.0/8"), // "this network"
            Cidr.parse("100.64.0.0/10"), // carrier-grade NAT
            Cidr.parse("192.0.0.0/24"), // IETF protocol assignments
            Cidr.parse("198.18.0.0/15"), // benchmarking
            Cidr.parse("240.0.0.0/4"), // reserved, and the broadcast address
            Cidr.parse("fc00::/7"), // unique local
            Cidr.parse("2001:db8::/32")); // documentation
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

    private final boolean allowPrivate;
    private final List<Cidr> allowed;

    TargetGuard(NotificationsProperties properties) {
        this.allowPrivate = properties.allowPrivateTargets();
        this.allowed = properties.allowedBlocks();
    }

    /** Why {@code url} may not be a webhook target, or empty when it may. Resolves the host. */
    Optional<String> problemWith(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must be an https or http URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        try {
            check(uri);
            return Optional.empty();
        } catch (TargetRefused e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Resolves the URI's host and refuses it unless every address may be reached. */
    void check(URI uri) throws TargetRefused {
        String host = uri.getHost();
        if (host == null) {
            throw new TargetRefused("must name a host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new TargetRefused("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && !isPublic(address) && !isAllowed(address)) {
                throw new TargetRefused("resolves to " + address.getHostAddress() + ", which is not a public address;"
                        + " an operator may allow it (waddleperf.notifications.allowed-targets)");
            }
        }
    }

    private boolean isAllowed(InetAddress address) {
        String ip = address.getHostAddress();
        return allowed.stream().anyMatch(block -> block.contains(ip));
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress() // 169.254.0.0/16 (cloud metadata), fe80::/10
                || address.isSiteLocalAddress() // 10/8, 172.16/12, 192.168/16, fec0::/10
                || address.isMulticastAddress()) {
            return false;
        }
        String ip = address.getHostAddress();
        if (NON_PUBLIC.stream().anyMatch(block -> block.contains(ip))) {
            return false;
        }
        if (address instanceof Inet6Address && NAT64.contains(ip)) {
            // A NAT64 address reaches the IPv4 address in its last 32 bits: judge that one.
            byte[] bytes = address.getAddress();
            try {
                return isPublic(Inet4Address.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return true;
    }

    /** A target the guard refuses; the message reads as a field error. */
    static final class TargetRefused extends Exception {
        TargetRefused(String message) {
            super(message);
        }
    }
}
