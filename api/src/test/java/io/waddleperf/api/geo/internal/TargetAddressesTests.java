package io.waddleperf.api.geo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class TargetAddressesTests {

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    final Map<String, InetAddress> zone = Map.of(
            "probe.example.com", ip("8.8.4.4"),
            "intranet.example.com", ip("10.1.2.3"),
            "loop.example.com", ip("127.0.0.1"));
    final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    TargetAddresses resolver(Duration wait) {
        return new TargetAddresses(
                host -> {
                    lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
                    InetAddress a = zone.get(host);
                    if (a == null) {
                        throw new UnknownHostException(host);
                    }
                    return a;
                },
                wait,
                Duration.ofHours(1),
                100);
    }

    @Test
    void aHostNameResolvesToItsPublicAddressOnceAndIsCached() {
        try (TargetAddresses targets = resolver(Duration.ofSeconds(10))) {
            assertThat(targets.resolve("probe.example.com")).isEqualTo("8.8.4.4");
            assertThat(targets.resolve("PROBE.example.com")).isEqualTo("8.8.4.4");
            assertThat(lookups.get("probe.example.com").get()).isEqualTo(1);
        }
    }

    @Test
    void privateLoopbackUnknownAndMalformedTargetsAreUnknownNeverAnError() {
        try (TargetAddresses targets = resolver(Duration.ofSeconds(10))) {
            assertThat(targets.resolve("intranet.example.com")).isNull();
            assertThat(targets.resolve("loop.example.com")).isNull();
            assertThat(targets.resolve("nowhere.example.com")).isNull();
            assertThat(targets.resolve("192.168.1.1")).isNull();
            assertThat(targets.resolve("localhost")).isNull();
            assertThat(targets.resolve("not a host!")).isNull();
            assertThat(targets.resolve("")).isNull();
            assertThat(targets.resolve(null)).isNull();
            // Literals are never looked up; bare words and malformed names neither.
            assertThat(targets.resolve("1.1.1.1")).isEqualTo("1.1.1.1");
            assertThat(lookups).containsOnlyKeys("intranet.example.com", "loop.example.com", "nowhere.example.com");
        }
    }

    @Test
    void aSlowResolverGivesUnknownNowAndItsAnswerServesTheNextResult() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        try (TargetAddresses targets = new TargetAddresses(
                host -> {
                    try {
                        answer.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new UnknownHostException(host);
                    }
                    return ip("9.9.9.9");
                },
                Duration.ofMillis(20),
                Duration.ofHours(1),
                100)) {
            assertThat(targets.resolve("slow.example.com")).isNull();
            answer.countDown();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> "9.9.9.9".equals(targets.resolve("slow.example.com")));
        }
    }
}
