package io.waddleperf.api.results.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.tests.TierProfile;
import io.waddleperf.api.tests.TierProfiles;
import io.waddleperf.license.License;
import io.waddleperf.license.Limits;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionJobTests {

    final UUID org = Ids.newId();
    final Clock clock = Clock.systemUTC();

    @Test
    void theLicenseCapsEveryTiersRetention() {
        RetentionJob job = job(licenseKeepingDays(20));

        assertThat(job.retention(org, 1)).isEqualTo(Duration.ofDays(7));
        assertThat(job.retention(org, 2)).isEqualTo(Duration.ofDays(20));
        assertThat(job.retention(org, 3)).isEqualTo(Duration.ofDays(20));
    }

    @Test
    void untieredResultsKeepTierOnesRetention() {
        RetentionJob job = job(licenseKeepingDays(Limits.UNLIMITED));

        assertThat(job.retention(org, null)).isEqualTo(Duration.ofDays(7));
        assertThat(job.retention(org, 3)).isEqualTo(Duration.ofDays(90));
    }

    private RetentionJob job(Licensing licensing) {
        TierProfiles tiers = mock(TierProfiles.class);
        when(tiers.get(anyInt())).thenAnswer(call -> TierProfile.defaults(call.getArgument(0)));
        return new RetentionJob(null, null, tiers, licensing, null, null, clock, event -> {});
    }

    private Licensing licenseKeepingDays(int days) {
        License dev = License.development("waddleperf");
        License limited = new License(
                dev.origin(),
                dev.id(),
                dev.customer(),
                dev.product(),
                dev.tier(),
                dev.features(),
                new Limits(Limits.UNLIMITED, Limits.UNLIMITED, days),
                dev.issuedAt(),
                dev.expiresAt(),
                dev.metadata());
        return Licensing.offline(limited, clock);
    }
}
