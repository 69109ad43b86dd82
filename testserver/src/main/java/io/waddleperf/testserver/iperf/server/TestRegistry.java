package io.waddleperf.testserver.iperf.server;

import io.waddleperf.testserver.iperf.server.IperfConnectionRefused.Reason;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tests this server runs: admission against capacity, cookie lookup for TCP data streams,
 * and the client-address claim that routes UDP stream hellos.
 *
 * <p>UDP hellos carry no cookie, only a source address. Two tests from one address (a NAT, or a
 * client running two iperf3s) could therefore not tell whose hello is whose, so a test must hold
 * its client address's UDP claim while its UDP streams connect; a second one waits its turn
 * before it sends CREATE_STREAMS. The wait is short: connecting streams takes a round trip each.
 */
final class TestRegistry {

    private int capacity;
    private final int maxPerClient;
    private final Map<String, ServerSession> byCookie = new ConcurrentHashMap<>();
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private int admitted;

    private final ReentrantLock udpLock = new ReentrantLock();
    private final Condition udpReleased = udpLock.newCondition();
    private final Map<InetAddress, ServerSession> udpClaims = new HashMap<>();

    TestRegistry(int capacity, int maxPerClient) {
        this.capacity = capacity;
        this.maxPerClient = maxPerClient;
    }

    /** Takes a test slot for the client, or says why not. */
    synchronized Reason admit(InetAddress client) {
        if (admitted >= capacity) {
            return Reason.BUSY;
        }
        if (perClient.getOrDefault(client, 0) >= maxPerClient) {
            return Reason.CLIENT_LIMIT;
        }
        admitted++;
        perClient.merge(client, 1, Integer::sum);
        return null;
    }

    /**
     * Changes how many tests may run at once. Running tests keep their slots; below the new
     * capacity, new ones are refused until enough have ended.
     */
    synchronized void capacity(int capacity) {
        this.capacity = capacity;
    }

    void register(String cookie, ServerSession test) {
        byCookie.put(cookie, test);
    }

    ServerSession find(String cookie) {
        return byCookie.get(cookie);
    }

    /** Frees everything the test held; called exactly once, when it ends. */
    void release(String cookie, InetAddress client, ServerSession test) {
        byCookie.remove(cookie, test);
        releaseUdp(client, test);
        releaseSlot(client);
    }

    /** Gives back a slot taken by {@link #admit}. */
    synchronized void releaseSlot(InetAddress client) {
        admitted--;
        perClient.computeIfPresent(client, (address, count) -> count > 1 ? count - 1 : null);
    }

    synchronized int active() {
        return admitted;
    }

    List<ServerSession> all() {
        return new ArrayList<>(byCookie.values());
    }

    /** Waits until no other test from the client is connecting UDP streams, then claims the address. */
    boolean claimUdp(InetAddress client, ServerSession test, long deadlineNanos) throws InterruptedException {
        udpLock.lock();
        try {
            while (true) {
                ServerSession holder = udpClaims.putIfAbsent(client, test);
                if (holder == null || holder == test) {
                    return true;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                udpReleased.awaitNanos(left);
            }
        } finally {
            udpLock.unlock();
        }
    }

    void releaseUdp(InetAddress client, ServerSession test) {
        udpLock.lock();
        try {
            if (udpClaims.remove(client, test)) {
                udpReleased.signalAll();
            }
        } finally {
            udpLock.unlock();
        }
    }

    ServerSession udpClaimant(InetAddress client) {
        udpLock.lock();
        try {
            return udpClaims.get(client);
        } finally {
            udpLock.unlock();
        }
    }
}
