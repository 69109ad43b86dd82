package io.waddleperf.api.notifications.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsProperties.class)
class NotificationsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationsConfiguration.class);

    /**
     * The key that seals channel secrets. Release mode refuses to start without one; development
     * mode falls back to a fixed key (the same on every replica and after restarts, so a development
     * database keeps working) and says so.
     */
    @Bean
    SecretBox notificationSecrets(
            NotificationsProperties properties,
            @Value("${waddleperf.licensing.release-mode:false}") boolean releaseMode) {
        if (!properties.secretKey().isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(properties.secretKey().strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("waddleperf.notifications.secret-key is not base64", e);
            }
            if (key.length != 32) {
                throw new IllegalStateException("waddleperf.notifications.secret-key must be 32 bytes of base64"
                        + " (openssl rand -base64 32), got " + key.length + " bytes");
            }
            return new SecretBox(key);
        }
        if (releaseMode) {
            throw new IllegalStateException(
                    "Release mode needs waddleperf.notifications.secret-key"
                            + " (WADDLEPERF_NOTIFICATIONS_SECRET_KEY): 32 random bytes in base64, e.g. openssl rand -base64 32");
        }
        log.warn("Development mode: notification channel secrets are sealed with a fixed development key;"
                + " set waddleperf.notifications.secret-key before storing real secrets");
        return new SecretBox(developmentKey());
    }

    /**
     * Its own sender from {@code waddleperf.notifications.smtp}, so the notification settings are
     * validated with the rest and do not depend on {@code spring.mail}; timeouts keep a hanging
     * SMTP server from holding a sender thread.
     */
    @Bean
    JavaMailSender notificationMailSender(NotificationsProperties properties) {
        NotificationsProperties.Smtp smtp = properties.smtp();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.configured() ? smtp.host() : "localhost");
        sender.setPort(smtp.port());
        sender.setProtocol(smtp.ssl() ? "smtps" : "smtp");
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        if (!smtp.username().isBlank()) {
            sender.setUsername(smtp.username());
            sender.setPassword(smtp.password());
        }
        String prefix = "mail." + sender.getProtocol() + ".";
        Properties mail = new Properties();
        String timeout = Long.toString(smtp.timeout().toMillis());
        mail.setProperty(prefix + "connectiontimeout", timeout);
        mail.setProperty(prefix + "timeout", timeout);
        mail.setProperty(prefix + "writetimeout", timeout);
        mail.setProperty(prefix + "auth", Boolean.toString(!smtp.username().isBlank()));
        mail.setProperty(prefix + "starttls.enable", Boolean.toString(smtp.starttls()));
        mail.setProperty(prefix + "starttls.required", Boolean.toString(smtp.starttls()));
        sender.setJavaMailProperties(mail);
        return sender;
    }

    /** The outbox's time: the API's clock (tests replace it to move the outbox alone). */
    @Bean
    OutboxClock outboxClock(Clock clock) {
        return new OutboxClock(clock);
    }

    /**
     * Outbox depth and the age of its oldest pending notification: read on each scrape, one index
     * range over the pending rows. A growing age means receivers are down or the sender is stuck.
     */
    @Bean
    MeterBinder notificationMeters(OutboxStore outbox, OutboxClock clock) {
        return (MeterRegistry registry) -> {
            Gauge.builder(
                            "waddleperf.notifications.outbox.depth",
                            outbox,
                            o -> o.backlog().depth())
                    .description("Notifications waiting for delivery (one per channel)")
                    .register(registry);
            Gauge.builder("waddleperf.notifications.outbox.oldest.age", outbox, o -> {
                        Instant oldest = o.backlog().oldestEnqueuedAt();
                        return oldest == null
                                ? 0
                                : Duration.between(oldest, clock.now()).toMillis() / 1000.0;
                    })
                    .description("Seconds the oldest notification waiting for delivery has waited")
                    .baseUnit("seconds")
                    .register(registry);
        };
    }

    private static byte[] developmentKey() {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest("waddleperf development notification key".getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
