package io.waddleperf.api.tests.internal;

import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.tests.TierProfile;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Stored tier profiles of the current organisation. */
@Component
public class TierProfileStore {

    private final TierProfileRepository profiles;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    TierProfileStore(TierProfileRepository profiles, TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.profiles = profiles;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    public Optional<TierProfile> find(int tier) {
        return transactions.execute(status ->
                profiles.findByTier(tier).map(entity -> json.readValue(entity.settings(), TierProfile.class)));
    }

    public TierProfile save(UUID orgId, TierProfile profile) {
        return transactions.execute(status -> {
            TierProfileEntity entity = profiles.findByTier(profile.tier())
                    .orElseGet(() -> new TierProfileEntity(Ids.newId(), orgId, profile.tier()));
            entity.update(json.writeValueAsString(profile), clock.instant().truncatedTo(ChronoUnit.MICROS));
            profiles.save(entity);
            return profile;
        });
    }
}
