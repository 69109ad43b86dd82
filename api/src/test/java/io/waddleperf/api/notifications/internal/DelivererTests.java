package io.waddleperf.api.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.notifications.LoopbackReceiver;
import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.notifications.Severity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SSRF guard at send time: a channel saved while its target was allowed (or while its name
 * resolved to a public address) is refused when it is not allowed now, and nothing is sent.
 */
class DelivererTests {

    final JsonMapper json = JsonMapper.builder().build();
    final byte[] key = new byte[32];

    {
        new SecureRandom().nextBytes(key);
    }

    @Test
    void checksTheTargetAgainBeforeEverySend() {
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            Channel channel = channel(receiver.url("/hook"));

            DeliveryResult refused = deliverer(Map.of()).deliver(channel, payload());
            DeliveryResult allowed =
                    deliverer(Map.of("allowed-targets", "127.0.0.1/32")).deliver(channel, payload());

            assertThat(refused.delivered()).isFalse();
            assertThat(refused.statusCode()).isNull();
            assertThat(refused.error()).startsWith("refused by the SSRF guard").contains("127.0.0.1");
            assertThat(allowed.delivered()).isTrue();
            assertThat(receiver.received()).hasSize(1);
        }
    }

    private Deliverer deliverer(Map<String, String> settings) {
        NotificationsProperties properties = NotificationsPropertiesFixture.bind(settings);
        return new Deliverer(
                new Messages(json, properties),
                new TargetGuard(properties),
                new SecretBox(key),
                json,
                new JavaMailSenderImpl(),
                properties,
                Clock.systemUTC());
    }

    private Channel channel(String url) {
        UUID id = UUID.randomUUID();
        String sealed = new SecretBox(key)
                .encrypt(id, json.writeValueAsString(new ChannelSecret(url, ChannelAdmin.signingSecret())));
        Instant now = Instant.now();
        return new Channel(
                id,
                UUID.randomUUID(),
                "receiver",
                ChannelType.WEBHOOK,
                EnumSet.allOf(Severity.class),
                "http://127.0.0.1",
                List.of(),
                sealed,
                Channel.Health.NEW,
                now,
                now);
    }

    private static Payload payload() {
        return new Payload(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Notification.Kind.RAISED,
                Severity.CRITICAL,
                UUID.randomUUID(),
                "Latency above 100 ms",
                "",
                List.of(),
                null,
                Instant.now());
    }
}
