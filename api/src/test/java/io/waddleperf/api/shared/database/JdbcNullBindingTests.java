package io.waddleperf.api.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.SpringProperties;

/**
 * JdbcTemplate must bind nulls without asking the driver for parameter metadata: that lookup is
 * a server-side PREPARE whose errors JdbcTemplate ignores, and on Galera the error it ignored
 * could be the abort of the whole transaction (docs/operations/galera.md). The flag lives in
 * {@code spring.properties}, outside Boot's configuration, where a clean-up could drop it.
 */
class JdbcNullBindingTests {

    @Test
    void parameterMetadataLookupsAreOff() {
        assertThat(SpringProperties.getFlag("spring.jdbc.getParameterType.ignore"))
                .isTrue();
    }
}
