package io.waddleperf.api.shared.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 address block, e.g. {@code 10.0.0.0/8} or a single address. */
public record Cidr(byte[] network, int prefixLength) {

    public static Cidr parse(String text) {
        String[] parts = text.strip().split("/", 2);
        byte[] address = literal(parts[0]);
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("invalid prefix length in " + text);
        }
        return new Cidr(address, prefix);
    }

    public boolean contains(String ip) {
        byte[] candidate;
        try {
            candidate = literal(ip);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest);
        return (candidate[full] & mask) == (network[full] & mask);
    }

    /** Parses an IP literal without ever doing a DNS lookup. */
    static byte[] literal(String text) {
        String ip = text.strip();
        boolean looksLiteral = ip.indexOf(':') >= 0 || ip.matches("[0-9.]+");
        if (!looksLiteral || ip.isEmpty()) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
