package io.waddleperf.api.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The product hashes passwords with bcrypt at cost 12. The integration tests hash at cost 4
 * (support.FastPasswordHashing), so this is where the product's cost is held to 12.
 */
class PasswordCostTests {

    @Test
    void theProductHashesWithBcryptAtCostTwelve() {
        PasswordEncoder passwords = new IdentitySecurityConfiguration().passwordEncoder();

        String hash = passwords.encode("correct horse battery staple");

        // Modular crypt format: $2a$<cost>$<salt and hash>.
        assertThat(hash).startsWith("$2a$12$");
        assertThat(passwords.matches("correct horse battery staple", hash)).isTrue();
        assertThat(passwords.matches("correct horse battery stapler", hash)).isFalse();
    }
}
