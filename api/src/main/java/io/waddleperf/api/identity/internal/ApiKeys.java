package io.waddleperf.api.identity.internal;

import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.security.Secrets;
import io.waddleperf.api.shared.tenant.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API keys for automation: {@code wpk_<prefix>_<secret>}, stored as a SHA-256 hash, shown once,
 * scoped to one organisation and role.
 */
@Service
public class ApiKeys {

    static final String SCHEME_PREFIX = "wpk_";
    /** Writing last-used on every call would turn each read into a replicated write. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ApiKeys(ApiKeyRepository keys, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record ApiKey(
            UUID id,
            String name,
            String prefix,
            Role role,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {}

    public record CreatedApiKey(ApiKey key, String secret) {}

    /** An authenticated key: what a request may do with it. */
    record Resolved(UUID keyId, UUID orgId, Role role, String name) {}

    @Transactional
    public CreatedApiKey create(OrgPrincipal actor, String name, Role role) {
        String prefix = Secrets.token().substring(0, 8).replace('-', 'x').replace('_', 'y');
        String secret = SCHEME_PREFIX + prefix + "_" + Secrets.token();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ApiKeyEntity entity = keys.save(new ApiKeyEntity(
                Ids.newId(), actor.orgId(), name.strip(), prefix, Secrets.sha256(secret), role, actor.userId(), now));
        audit.record(AuditEntry.success(
                actor.orgId(), actor.userId(), actor.name(), "api_key.created", name + " (" + role + ")"));
        return new CreatedApiKey(toApiKey(entity), secret);
    }

    @Transactional(readOnly = true)
    public List<ApiKey> list() {
        return keys.findAllByOrderByCreatedAtDesc().stream()
                .map(ApiKeys::toApiKey)
                .toList();
    }

    @Transactional
    public ApiKey revoke(OrgPrincipal actor, UUID keyId) {
        ApiKeyEntity entity = keys.findById(keyId).orElseThrow(() -> new NotFound("API key"));
        if (entity.revokedAt() == null) {
            entity.revoke(clock.instant().truncatedTo(ChronoUnit.MICROS));
            audit.record(
                    AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "api_key.revoked", entity.name()));
        }
        return toApiKey(entity);
    }

    /** Looks a presented key up across organisations: it names its organisation itself. */
    Optional<Resolved> authenticate(String presented) {
        if (!presented.startsWith(SCHEME_PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(presented);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return TenantContext.asPlatform(() -> transactions.execute(status -> keys.findBySecretHash(hash)
                .filter(key -> key.revokedAt() == null)
                .map(key -> {
                    if (key.lastUsedAt() == null
                            || key.lastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
                        key.used(now);
                    }
                    return new Resolved(key.id(), key.orgId(), key.role(), key.name());
                })));
    }

    private static ApiKey toApiKey(ApiKeyEntity entity) {
        return new ApiKey(
                entity.id(),
                entity.name(),
                entity.prefix(),
                entity.role(),
                entity.createdAt(),
                entity.lastUsedAt(),
                entity.revokedAt());
    }
}
