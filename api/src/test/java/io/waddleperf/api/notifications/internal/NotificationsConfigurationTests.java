package io.waddleperf.api.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The channel secrets' key: required in release mode, a development key only in development mode. */
class NotificationsConfigurationTests {

    final NotificationsConfiguration configuration = new NotificationsConfiguration();

    @Test
    void releaseModeRefusesToStartWithoutAKey() {
        assertThatThrownBy(() -> configuration.notificationSecrets(NotificationsPropertiesFixture.bind(Map.of()), true))
                .hasMessageContaining("waddleperf.notifications.secret-key");
    }

    @Test
    void refusesAKeyThatIsNot32BytesOfBase64() {
        assertThatThrownBy(() -> configuration.notificationSecrets(
                        NotificationsPropertiesFixture.bind(Map.of("secret-key", "c2hvcnQ=")), false))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> configuration.notificationSecrets(
                        NotificationsPropertiesFixture.bind(Map.of("secret-key", "not base64!")), false))
                .hasMessageContaining("not base64");
    }

    @Test
    void developmentModeUsesTheSameDevelopmentKeyOnEveryReplica() {
        SecretBox one = configuration.notificationSecrets(NotificationsPropertiesFixture.bind(Map.of()), false);
        SecretBox other = configuration.notificationSecrets(NotificationsPropertiesFixture.bind(Map.of()), false);
        UUID channel = UUID.randomUUID();

        assertThat(other.decrypt(channel, one.encrypt(channel, "secret"))).isEqualTo("secret");
    }
}
