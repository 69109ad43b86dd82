package io.waddleperf.api.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole API on a random port against the shared real MariaDB. Loopback is a trusted proxy so
 * tests can act from distinct client addresses with {@code X-Forwarded-For}; the bootstrap
 * administrator gets a known password so tests can sign in as the operator.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "waddleperf.web.trusted-proxies=127.0.0.1",
            // Several cached test contexts share one MariaDB; keep their pools small.
            "spring.datasource.hikari.maximum-pool-size=4",
            // Rounds stored at once by a context's scheduler: half the small pool.
            "waddleperf.monitors.fire-concurrency=2",
            // The capture archive's spool and embedded S3 store, out of the user's home; contexts
            // share the directory as they share the database, so any of them can ship any spool file.
            "waddleperf.archive.data-dir=target/archive-it",
            // Small enough that ArchiveIT can send one byte more than the limit.
            "waddleperf.archive.max-artefact-size=256KB",
            // Tier runs against real nodes: a 2 s transfer says as much about the code as SPEC's 60 s.
            "waddleperf.runs.tier-plan.tier2-throughput-seconds=2",
            "waddleperf.runs.tier-plan.tier3-throughput-seconds=2",
            // Notification receivers in tests listen on loopback, which the SSRF guard refuses
            // by default; 127.0.0.1 only, so tests can still show other loopback addresses refused.
            "waddleperf.notifications.allowed-targets=127.0.0.1/32",
            // Release-mode tests (licensing) need a key for the channels' secrets, as production does.
            "waddleperf.notifications.secret-key=" + ApiIntegrationTest.NOTIFICATIONS_KEY,
            // A receiver that is down for a few seconds is retried within the test's patience.
            "waddleperf.notifications.retry-min-delay=200ms",
            "waddleperf.notifications.retry-max-delay=1s",
            // E-mail channels send to the GreenMail server a test starts on this port (plain SMTP).
            "waddleperf.notifications.smtp.host=127.0.0.1",
            "waddleperf.notifications.smtp.port=" + ApiIntegrationTest.SMTP_PORT,
            "waddleperf.notifications.smtp.starttls=false",
            "waddleperf.notifications.smtp.from=waddleperf@example.test",
            "waddleperf.identity.bootstrap-admin-password=" + ApiIntegrationTest.OPERATOR_PASSWORD
        })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
// bcrypt at cost 4, not the product's 12: several hundred hashes a run (see FastPasswordHashing).
@Import(FastPasswordHashing.class)
public @interface ApiIntegrationTest {

    String OPERATOR_EMAIL = "admin@waddleperf.local";
    String OPERATOR_PASSWORD = "operator-test-password-1";

    /** 32 bytes, base64: seals notification channel secrets in tests. */
    String NOTIFICATIONS_KEY = "aW50ZWdyYXRpb24tdGVzdHMtb25seS1ub3RpZnktMzI=";

    /** Where e-mail channels send in tests: a GreenMail server the test starts. */
    int SMTP_PORT = 39025;
}
