package io.waddleperf.api.tests;

import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.tests.TierProfile.Thresholds;
import io.waddleperf.api.tests.internal.TierProfileStore;
import io.waddleperf.license.WaddlePerfFeature;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;

/** The organisation's tier profiles: SPEC defaults until a MAINTAINER edits them. */
@Service
public class TierProfiles {

    private final TierProfileStore store;
    private final Licensing licensing;
    private final AuditLog audit;

    TierProfiles(TierProfileStore store, Licensing licensing, AuditLog audit) {
        this.store = store;
        this.licensing = licensing;
        this.audit = audit;
    }

    public List<TierProfile> all() {
        return IntStream.rangeClosed(1, 3).mapToObj(this::get).toList();
    }

    public TierProfile get(int tier) {
        return store.find(tier).orElseGet(() -> TierProfile.defaults(tier));
    }

    /** Retention beyond the license's {@code data_retention_days} is capped, not refused. */
    public TierProfile update(
            OrgPrincipal actor, int tier, int timeoutSeconds, int retentionDays, Thresholds thresholds) {
        if (tier == 3) {
            licensing.require(WaddlePerfFeature.TIER3);
        }
        int capped =
                (int) licensing.capRetention(Duration.ofDays(retentionDays)).toDays();
        TierProfile profile =
                new TierProfile(tier, TierProfile.defaults(tier).name(), timeoutSeconds, capped, thresholds, true);
        TierProfile saved = store.save(actor.orgId(), profile);
        audit.record(AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "tier.updated", "tier " + tier));
        return saved;
    }
}
