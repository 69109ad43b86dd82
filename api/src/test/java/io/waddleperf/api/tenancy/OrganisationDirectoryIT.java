package io.waddleperf.api.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.support.ApiIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ApiIntegrationTest
class OrganisationDirectoryIT {

    @Autowired
    OrganisationDirectory directory;

    @Test
    void createsAndFindsAnOrganisation() {
        String name = "Penguin Labs " + UUID.randomUUID();

        Organisation created = directory.create(name);

        assertThat(created.id().version()).isEqualTo(7);
        assertThat(directory.find(created.id())).contains(created);
    }

    @Test
    void givesClashingNamesDistinctSlugs() {
        String name = "Clash " + UUID.randomUUID();

        Organisation first = directory.create(name);
        Organisation second = directory.create(name);

        assertThat(second.slug()).isEqualTo(first.slug() + "-2");
    }

    @Test
    void slugIsAsciiAndUrlSafe() {
        assertThat(OrganisationDirectory.slugOf("  Ünïcode  Café & Co!  ")).isEqualTo("unicode-cafe-co");
        assertThat(OrganisationDirectory.slugOf("!!!")).isEqualTo("org");
    }
}
