package io.waddleperf.api.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waddleperf.api.shared.errors.Conflict;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Member;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two ADMINs demote each other at the same time. The interleaving that used to leave no ADMIN is
 * forced: the first demotion has written but not committed when the second starts. Before the
 * guard row the second counted two ADMINs in its snapshot, demoted the first and both committed;
 * now the second waits for the first and is refused as the last ADMIN.
 */
@ApiIntegrationTest
class LastAdminRaceIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    Members members;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        HttpTestClient http = new HttpTestClient(port);
        Fixtures fixtures = new Fixtures(http);
        Org org = fixtures.createOrg("Race " + UUID.randomUUID());
        Member second = fixtures.invite(org, "ADMIN");
        UUID first = UUID.fromString(jdbc.queryForObject(
                "SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id"
                        + " WHERE m.org_id = ? AND u.email = ?",
                String.class,
                org.id().toString(),
                org.adminEmail()));
        OrgPrincipal firstAdmin = new OrgPrincipal(org.id(), Role.ADMIN, first, null, org.adminEmail());
        OrgPrincipal secondAdmin = new OrgPrincipal(org.id(), Role.ADMIN, second.userId(), null, second.email());
        CountDownLatch firstWrote = new CountDownLatch(1);
        CompletableFuture<Object> secondDone = new CompletableFuture<>();

        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> firstDemotion = pool.submit(() -> TenantContext.as(
                    org.id(),
                    () -> transactions.execute(tx -> {
                        members.changeRole(firstAdmin, second.userId(), Role.VIEWER);
                        firstWrote.countDown();
                        // Hold the transaction open until the second demotion has either finished (no
                        // guard) or is waiting for this one's lock (the guard).
                        await().atMost(Duration.ofSeconds(20)).until(() -> secondDone.isDone() || lockWaits() > 0);
                        return null;
                    })));
            pool.submit(() -> {
                try {
                    firstWrote.await();
                    secondDone.complete(
                            TenantContext.as(org.id(), () -> members.changeRole(secondAdmin, first, Role.VIEWER)));
                } catch (Exception e) {
                    secondDone.complete(e);
                }
            });
            firstDemotion.get(30, TimeUnit.SECONDS);
            Object outcome = secondDone.get(30, TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOf(Conflict.class);
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM memberships WHERE org_id = ? AND role = 'ADMIN'",
                        Long.class,
                        org.id().toString()))
                .isEqualTo(1);
    }

    private long lockWaits() {
        Long waiting = jdbc.queryForObject(
                "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'", Long.class);
        return waiting == null ? 0 : waiting;
    }
}
