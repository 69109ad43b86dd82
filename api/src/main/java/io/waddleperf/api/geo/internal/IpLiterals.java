package io.waddleperf.api.geo.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * IP literals for GeoIP lookups. Only text that is an address is parsed, so a host name never
 * turns into a DNS lookup; addresses that cannot have a public location (private, loopback,
 * link-local, multicast, unspecified, unique-local IPv6) are left out before the database is asked.
 */
final class IpLiterals {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiterals() {}

    /** The public address {@code text} spells, or empty. */
    static Optional<InetAddress> publicAddress(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        String ip = text.strip();
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        boolean v4 = IPV4.matcher(ip).matches();
        boolean v6 = !v4 && ip.indexOf(':') >= 0 && IPV6.matcher(ip).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        InetAddress address;
        try {
            // A literal that passed the patterns above is parsed, never resolved.
            address = InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        if (address instanceof Inet6Address v6Address && isIpv4Mapped(v6Address)) {
            byte[] b = v6Address.getAddress();
            try {
                address = InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return isPublic(address) ? Optional.of(address) : Optional.empty();
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 100.64/10 carrier-grade NAT and 0/8, 240/4 reserved: no public location either.
            return first != 0 && first < 240 && !(first == 100 && second >= 64 && second < 128);
        }
        // fc00::/7 unique local addresses.
        return (b[0] & 0xfe) != 0xfc;
    }

    private static boolean isIpv4Mapped(Inet6Address a) {
        byte[] b = a.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
