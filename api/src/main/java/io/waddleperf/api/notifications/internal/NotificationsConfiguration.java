package io.waddleperf.api.notifications.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    private static byte[] developmentKey() {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest("waddleperf development notification key".getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
