package io.waddleperf.api.shared.web;

import java.util.Locale;

/**
 * One written form per IP address, so the audit log, the sign-in limit and the places a node was
 * seen from never hold the same address twice under different spellings. IPv6 is written as RFC
 * 5952 says ({@code ::1}, not Java's {@code 0:0:0:0:0:0:0:1}); an IPv4-mapped IPv6 address is
 * the IPv4 address it carries, since that is who the client is.
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** The canonical form of an IP literal; anything that is not one comes back unchanged. */
    public static String canonical(String text) {
        String ip = text.strip();
        int zone = ip.indexOf('%');
        String scope = zone >= 0 ? ip.substring(zone) : "";
        byte[] address;
        try {
            address = Cidr.literal(zone >= 0 ? ip.substring(0, zone) : ip);
        } catch (IllegalArgumentException e) {
            return text;
        }
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        return ipv6(address) + scope;
    }

    private static String ipv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        // RFC 5952 §4.2: "::" replaces the longest run of two or more zero groups, the first one
        // on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = end;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
