package io.waddleperf.api.tenancy;

import io.waddleperf.api.shared.ids.Ids;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and looks up organisations; the tenancy module's API. */
@Service
public class OrganisationDirectory {

    private final OrganisationRepository organisations;
    private final Clock clock;

    OrganisationDirectory(OrganisationRepository organisations, Clock clock) {
        this.organisations = organisations;
        this.clock = clock;
    }

    @Transactional
    public Organisation create(String name) {
        String base = slugOf(name);
        String slug = base;
        for (int suffix = 2; organisations.existsBySlug(slug); suffix++) {
            slug = base + "-" + suffix;
        }
        // Microseconds: what a TIMESTAMP(6) column keeps, so a re-read equals what we return.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return organisations
                .save(new OrganisationEntity(Ids.newId(), name.strip(), slug, now))
                .toOrganisation();
    }

    @Transactional(readOnly = true)
    public Optional<Organisation> find(UUID id) {
        return organisations.findById(id).map(OrganisationEntity::toOrganisation);
    }

    @Transactional(readOnly = true)
    public Optional<Organisation> findBySlug(String slug) {
        return organisations.findBySlug(slug).map(OrganisationEntity::toOrganisation);
    }

    @Transactional(readOnly = true)
    public List<Organisation> findAll(List<UUID> ids) {
        return organisations.findAllById(ids).stream()
                .map(OrganisationEntity::toOrganisation)
                .toList();
    }

    @Transactional(readOnly = true)
    public List<Organisation> all() {
        return organisations.findAll(org.springframework.data.domain.Sort.by("name")).stream()
                .map(OrganisationEntity::toOrganisation)
                .toList();
    }

    @Transactional(readOnly = true)
    public long count() {
        return organisations.count();
    }

    static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.isEmpty()) {
            slug = "org";
        }
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }
}
