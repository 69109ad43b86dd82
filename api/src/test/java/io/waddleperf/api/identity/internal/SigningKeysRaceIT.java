package io.waddleperf.api.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replicas starting together on a database without a signing key must all end up with the same
 * key: before, each generated one with a random id, every insert succeeded, and each replica then
 * refused the others' tokens. Several {@link SigningKeys} are built at once on an emptied table
 * (this context's own key lives in memory, so the rest of the suite is unaffected, and the stored
 * rows are put back afterwards).
 */
@ApiIntegrationTest
class SigningKeysRaceIT {

    @Autowired
    SigningKeyRepository keys;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    IdentityProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    private List<Map<String, Object>> saved = List.of();

    @BeforeEach
    void emptyTheTable() {
        saved = jdbc.queryForList("SELECT kid, private_key, public_key, created_at FROM signing_keys");
        jdbc.update("DELETE FROM signing_keys");
    }

    @AfterEach
    void putTheKeysBack() {
        jdbc.update("DELETE FROM signing_keys");
        for (Map<String, Object> row : saved) {
            jdbc.update(
                    "INSERT INTO signing_keys (kid, private_key, public_key, created_at) VALUES (?, ?, ?, ?)",
                    row.get("kid"),
                    row.get("private_key"),
                    row.get("public_key"),
                    row.get("created_at"));
        }
    }

    @Test
    void replicasStartingTogetherShareOneGeneratedKey() throws Exception {
        int replicas = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SigningKeys>> started = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(replicas)) {
            for (int i = 0; i < replicas; i++) {
                Callable<SigningKeys> replica = () -> {
                    start.await();
                    return new SigningKeys(keys, transactions, Clock.systemUTC(), properties);
                };
                started.add(pool.submit(replica));
            }
            start.countDown();
            List<String> kids = new ArrayList<>();
            List<String> moduli = new ArrayList<>();
            for (Future<SigningKeys> each : started) {
                SigningKeys signing = each.get();
                kids.add(signing.rsaKey().getKeyID());
                moduli.add(signing.rsaKey().getModulus().toString());
            }

            assertThat(kids).containsOnly(SigningKeys.FIRST_KID);
            assertThat(moduli).as("the same key pair, not only the same id").hasSize(replicas);
            assertThat(moduli.stream().distinct()).hasSize(1);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM signing_keys", Integer.class))
                .isEqualTo(1);
    }
}
