package io.waddleperf.api.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The integration tests' password hashing: the product's bcrypt, at cost 4 instead of 12. Cost 12
 * is a quarter of a second of CPU per hash or check, on purpose (it slows guessing); every test
 * organisation, invited member and sign-in pays it, several hundred times a Failsafe run, and the
 * CI runs the tests twice (MariaDB, Galera) on two cores. Nothing the tests prove depends on the
 * cost: they hash and check real bcrypt, and a hash records its own cost, so a hash made at 12
 * checks under this encoder and the other way round. The packaged-jar tests (WebUiE2eIT,
 * ThreeReplicasGaleraIT) run the product's own configuration, cost 12. That the product hashes at
 * 12 is {@code identity.internal.PasswordCostTests}' to prove.
 *
 * <p>{@code -Dwaddleperf.test.password-cost=12} runs the tests at the product's cost (for an A/B
 * timing of this setting).
 */
@TestConfiguration(proxyBeanMethods = false)
public class FastPasswordHashing {

    @Bean
    @Primary
    PasswordEncoder testPasswordEncoder(@Value("${waddleperf.test.password-cost:4}") int cost) {
        return new BCryptPasswordEncoder(cost);
    }
}
