package io.waddleperf.api.tenancy;

import java.time.Instant;
import java.util.UUID;

/** An organisation as other modules see it. */
public record Organisation(UUID id, String name, String slug, Instant createdAt) {}
