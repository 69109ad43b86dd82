package io.waddleperf.license;

/**
 * Numeric limits of a license; {@value #UNLIMITED} means no limit (the server's convention).
 *
 * @param maxServers test-server nodes an installation may enrol
 * @param maxUsers users across all organisations
 * @param dataRetentionDays the longest results may be kept
 */
public record Limits(int maxServers, int maxUsers, int dataRetentionDays) {

    public static final int UNLIMITED = -1;

    public Limits {
        requireLimit("max_servers", maxServers);
        requireLimit("max_users", maxUsers);
        requireLimit("data_retention_days", dataRetentionDays);
    }

    public static Limits unlimited() {
        return new Limits(UNLIMITED, UNLIMITED, UNLIMITED);
    }

    public boolean allowsServers(int count) {
        return maxServers == UNLIMITED || count <= maxServers;
    }

    public boolean allowsUsers(int count) {
        return maxUsers == UNLIMITED || count <= maxUsers;
    }

    private static void requireLimit(String name, int value) {
        if (value < UNLIMITED) {
            throw new IllegalArgumentException(name + " must be -1 (unlimited) or a count, not " + value);
        }
    }
}
