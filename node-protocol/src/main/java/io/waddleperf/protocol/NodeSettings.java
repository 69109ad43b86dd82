package io.waddleperf.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Node settings a MAINTAINER or ADMIN sets in the API and the API pushes to the node in a
 * heartbeat answer (docs/node-protocol.md). Every field may be {@code null}: the node then keeps
 * what its own configuration says, so an empty settings record undoes every change.
 *
 * <p>{@link #check()} holds the rules both sides apply: the API refuses bad values field by field
 * before storing them, and a node refuses a pushed record that breaks them (and reports why)
 * rather than trusting the API.
 *
 * @param version the settings' version in the API, counting every change from 1; the node reports
 *     the version it applied in its next heartbeat
 * @param allowlist IPv4/IPv6 addresses and CIDR blocks the node's iperf3 server accepts clients
 *     from; an empty list accepts everyone
 * @param idleTimeoutSeconds how long the node's iperf3 server waits for a client at any step
 * @param capacity iperf3 tests the node's iperf3 server runs at once; one more gets iperf3's
 *     "server is busy"
 * @param region the region monitors and tests select the node by
 * @param labels the labels monitors and tests select the node by
 */
public record NodeSettings(
        long version,
        @Nullable List<String> allowlist,
        @Nullable Integer idleTimeoutSeconds,
        @Nullable Integer capacity,
        @Nullable String region,
        @Nullable List<String> labels) {

    public static final int MAX_ALLOWLIST = 100;
    public static final int MIN_IDLE_TIMEOUT_SECONDS = 1;
    public static final int MAX_IDLE_TIMEOUT_SECONDS = 600;
    public static final int MIN_CAPACITY = 1;
    public static final int MAX_CAPACITY = 256;
    public static final int MAX_REGION_LENGTH = 64;
    public static final int MAX_LABELS = 20;
    /** The region and label syntax nodes report at enrolment and in heartbeats. */
    public static final String REGION_REGEX = "[A-Za-z0-9._-]{1,64}";

    public static final String LABEL_REGEX = "[A-Za-z0-9._=:-]{1,64}";

    public static final String ALLOWLIST_MESSAGE =
            "must be an IPv4 or IPv6 address or CIDR block, e.g. 192.0.2.0/24 or 2001:db8::/32";
    public static final String ALLOWLIST_SIZE_MESSAGE = "may list at most " + MAX_ALLOWLIST + " entries";
    public static final String IDLE_TIMEOUT_MESSAGE =
            "must be between " + MIN_IDLE_TIMEOUT_SECONDS + " and " + MAX_IDLE_TIMEOUT_SECONDS + " seconds";
    public static final String CAPACITY_MESSAGE =
            "must be between " + MIN_CAPACITY + " and " + MAX_CAPACITY + " concurrent tests";
    public static final String REGION_MESSAGE =
            "must be 1 to 64 characters: letters, digits, dot, underscore or hyphen";
    public static final String LABELS_SIZE_MESSAGE = "may list at most " + MAX_LABELS + " labels";
    public static final String LABEL_MESSAGE =
            "must be 1 to 64 characters: letters, digits and . _ = : - (e.g. dc1 or tier=edge)";

    private static final Pattern REGION = Pattern.compile(REGION_REGEX);
    private static final Pattern LABEL = Pattern.compile(LABEL_REGEX);
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    /**
     * What a node reports in its heartbeat when it refused pushed settings, until the API pushes a
     * newer version.
     *
     * @param reason each field with its rule, as {@link Violation#describe} writes them
     */
    public record Rejection(long version, String reason) {}

    public NodeSettings {
        allowlist = allowlist == null ? null : List.copyOf(allowlist);
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** Every rule this record breaks, with the JSON field ({@code allowlist[2]}) and what to change. */
    public List<Violation> check() {
        List<Violation> violations = new ArrayList<>();
        if (allowlist != null) {
            if (allowlist.size() > MAX_ALLOWLIST) {
                violations.add(new Violation("allowlist", ALLOWLIST_SIZE_MESSAGE));
            }
            for (int i = 0; i < allowlist.size(); i++) {
                if (!isAddressOrBlock(allowlist.get(i))) {
                    violations.add(new Violation("allowlist[" + i + "]", ALLOWLIST_MESSAGE));
                }
            }
        }
        if (idleTimeoutSeconds != null
                && (idleTimeoutSeconds < MIN_IDLE_TIMEOUT_SECONDS || idleTimeoutSeconds > MAX_IDLE_TIMEOUT_SECONDS)) {
            violations.add(new Violation("idleTimeoutSeconds", IDLE_TIMEOUT_MESSAGE));
        }
        if (capacity != null && (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY)) {
            violations.add(new Violation("capacity", CAPACITY_MESSAGE));
        }
        if (region != null && !REGION.matcher(region).matches()) {
            violations.add(new Violation("region", REGION_MESSAGE));
        }
        if (labels != null) {
            if (labels.size() > MAX_LABELS) {
                violations.add(new Violation("labels", LABELS_SIZE_MESSAGE));
            }
            for (int i = 0; i < labels.size(); i++) {
                String label = labels.get(i);
                if (label == null || !LABEL.matcher(label).matches()) {
                    violations.add(new Violation("labels[" + i + "]", LABEL_MESSAGE));
                }
            }
        }
        return List.copyOf(violations);
    }

    /**
     * Whether {@code entry} is an IP literal or a CIDR block with a prefix that fits it. Checked
     * by syntax alone, so nothing here (or on a node that trusts it) ever resolves a host name.
     */
    public static boolean isAddressOrBlock(@Nullable String entry) {
        if (entry == null || entry.isEmpty() || entry.length() > 64) {
            return false;
        }
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        int bits;
        if (IPV4.matcher(address).matches()) {
            bits = 32;
        } else if (isIpv6(address)) {
            bits = 128;
        } else {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String prefix = entry.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(prefix) <= bits;
    }

    private static boolean isIpv6(String address) {
        if (address.indexOf(':') < 0) {
            return false;
        }
        String hex = address;
        int lastColon = address.lastIndexOf(':');
        String tail = address.substring(lastColon + 1);
        if (tail.indexOf('.') >= 0) {
            // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
            if (!IPV4.matcher(tail).matches()) {
                return false;
            }
            hex = address.substring(0, lastColon + 1) + "0:0";
        }
        int gap = hex.indexOf("::");
        if (gap >= 0 && hex.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        List<String> parts = new ArrayList<>();
        for (String side :
                gap >= 0 ? new String[] {hex.substring(0, gap), hex.substring(gap + 2)} : new String[] {hex}) {
            if (!side.isEmpty()) {
                parts.addAll(List.of(side.split(":", -1)));
            }
        }
        for (String part : parts) {
            if (!HEX_GROUP.matcher(part).matches()) {
                return false;
            }
        }
        return gap >= 0 ? parts.size() <= 7 : parts.size() == 8;
    }
}
