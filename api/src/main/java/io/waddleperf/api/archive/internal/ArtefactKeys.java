package io.waddleperf.api.archive.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The object key layout {@code orgs/{orgId}/runs/{yyyy}/{mm}/{dd}/{runId}/{name}}, with the date
 * the run was created (UTC), which is known before the run ends, so a node's hand-over and the
 * run's end agree on it. Ids are UUIDs and names a closed alphabet, so no input can leave its run's
 * prefix: no slash, no "..", no leading dot.
 */
public final class ArtefactKeys {

    /** Lower-case letters, digits, dot, dash, underscore; starts with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    public static final String SAMPLES = "samples.ndjson.gz";

    private ArtefactKeys() {}

    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    public static String key(UUID orgId, UUID runId, Instant runCreatedAt, String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("Invalid artefact name: " + name);
        }
        ZonedDateTime day = runCreatedAt.atZone(ZoneOffset.UTC);
        return "orgs/%s/runs/%04d/%02d/%02d/%s/%s"
                .formatted(orgId, day.getYear(), day.getMonthValue(), day.getDayOfMonth(), runId, name);
    }
}
