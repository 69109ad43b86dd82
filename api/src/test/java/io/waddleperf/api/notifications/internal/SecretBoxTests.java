package io.waddleperf.api.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretBoxTests {

    final byte[] key = new byte[32];

    {
        new SecureRandom().nextBytes(key);
    }

    @Test
    void sealsAndOpensForTheSameChannel() {
        SecretBox box = new SecretBox(key);
        UUID channel = UUID.randomUUID();
        String sealed = box.encrypt(channel, "{\"url\":\"https://hooks.slack.com/services/T/B/x\"}");

        assertThat(sealed).startsWith("v1:").doesNotContain("hooks.slack.com");
        assertThat(box.encrypt(channel, "same"))
                .as("a fresh nonce each time")
                .isNotEqualTo(box.encrypt(channel, "same"));
        assertThat(box.decrypt(channel, sealed)).isEqualTo("{\"url\":\"https://hooks.slack.com/services/T/B/x\"}");
    }

    @Test
    void refusesAnotherChannelsCiphertextAnotherKeyAndTampering() {
        SecretBox box = new SecretBox(key);
        UUID channel = UUID.randomUUID();
        String sealed = box.encrypt(channel, "secret");

        assertThatThrownBy(() -> box.decrypt(UUID.randomUUID(), sealed)).isInstanceOf(IllegalStateException.class);
        byte[] other = key.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> new SecretBox(other).decrypt(channel, sealed))
                .isInstanceOf(IllegalStateException.class);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> box.decrypt(channel, tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void takesOnlyA256BitKey() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
