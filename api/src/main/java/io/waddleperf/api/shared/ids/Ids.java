package io.waddleperf.api.shared.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDv7 primary keys (RFC 9562). Rows from several Galera nodes never collide and
 * land near each other in the InnoDB primary index, unlike random v4 ids; unlike auto-increment
 * they need no cluster-wide coordination.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
