package io.waddleperf.api.nodes.internal;

import io.waddleperf.api.shared.security.Secrets;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.tenancy.Organisation;
import io.waddleperf.api.tenancy.OrganisationDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The quick start runs one local node beside the API. {@code ./run} hands both the same random
 * token ({@code WADDLEPERF_LOCAL_NODE_TOKEN}); here it becomes an enrolment token of the first
 * organisation, so the local node enrols itself like any other. Unset in production.
 */
@Component
class LocalNodeEnrollment {

    private static final Logger log = LoggerFactory.getLogger(LocalNodeEnrollment.class);

    private final String token;
    private final NodeStore store;
    private final OrganisationDirectory organisations;
    private final Clock clock;

    LocalNodeEnrollment(
            @Value("${waddleperf.nodes.local-node-token:}") String token,
            NodeStore store,
            OrganisationDirectory organisations,
            Clock clock) {
        this.token = token;
        this.store = store;
        this.organisations = organisations;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerToken() {
        if (token.isBlank()) {
            return;
        }
        String hash = Secrets.sha256(token);
        if (store.tokenExists(hash)) {
            return;
        }
        TenantContext.asPlatform(() -> organisations.all().stream().min(Comparator.comparing(Organisation::createdAt)))
                .ifPresent(org -> {
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    store.saveToken(org.id(), hash, null, now, now.plus(Duration.ofDays(1)));
                    log.info("Local node enrolment token registered for organisation '{}'", org.name());
                });
    }
}
