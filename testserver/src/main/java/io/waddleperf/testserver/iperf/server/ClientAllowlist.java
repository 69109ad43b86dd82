package io.waddleperf.testserver.iperf.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The IPs and CIDR blocks a node accepts iperf3 clients from; an empty list accepts everyone. */
final class ClientAllowlist {

    /** Literal addresses only: anything else would make {@link InetAddress} resolve a name. */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<Block> blocks;

    private ClientAllowlist(List<Block> blocks) {
        this.blocks = blocks;
    }

    /**
     * @throws IllegalArgumentException naming the first entry that is not an IP or CIDR block
     */
    static ClientAllowlist parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>(entries.size());
        for (String entry : entries) {
            blocks.add(Block.parse(entry.strip()));
        }
        return new ClientAllowlist(List.copyOf(blocks));
    }

    boolean allows(InetAddress address) {
        if (blocks.isEmpty()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        for (Block block : blocks) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private record Block(byte[] network, int prefix) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String ip = slash < 0 ? entry : entry.substring(0, slash);
            if (!LITERAL.matcher(ip).matches()) {
                throw new IllegalArgumentException("allowlist entry '" + entry + "' is not an IP or CIDR block");
            }
            byte[] network;
            try {
                network = InetAddress.getByName(ip).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("allowlist entry '" + entry + "' is not an IP or CIDR block", e);
            }
            int bits = network.length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("allowlist entry '" + entry + "' has a bad prefix length", e);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("allowlist entry '" + entry + "' has a bad prefix length");
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
