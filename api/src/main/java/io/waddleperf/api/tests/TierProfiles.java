package io.waddleperf.api.tests;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.tests.TierProfile.Thresholds;
import io.waddleperf.api.tests.internal.TierProfileStore;
import io.waddleperf.license.WaddlePerfFeature;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

    /**
     * Every monitor round, run and stored result reads its tier's profile, and the AutoPerf
     * benchmark spent 4 % of the API's CPU reading the same three rows. They are kept here for
     * {@link #FRESH_FOR}: an edit shows at once on this replica and within that time on the others.
     */
    static final Duration FRESH_FOR = Duration.ofSeconds(2);

    private record Key(UUID orgId, int tier) {}

    private final Cache<Key, TierProfile> recent =
            Caffeine.newBuilder().expireAfterWrite(FRESH_FOR).build();

    public TierProfile get(int tier) {
        Optional<UUID> org = TenantContext.organisation();
        if (org.isEmpty()) {
            return load(tier);
        }
        return recent.get(new Key(org.get(), tier), key -> load(tier));
    }

    private TierProfile load(int tier) {
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
        recent.invalidate(new Key(actor.orgId(), tier));
        audit.record(AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "tier.updated", "tier " + tier));
        return saved;
    }
}
