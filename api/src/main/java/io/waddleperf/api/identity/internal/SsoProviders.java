package io.waddleperf.api.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.shared.errors.Conflict;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.tenancy.OrganisationDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Per-organisation OIDC issuers (SSO) and the mapping of their claims to roles. */
@Service
public class SsoProviders {

    private static final TypeReference<Map<String, Role>> MAPPING = new TypeReference<>() {};

    private final SsoProviderRepository providers;
    private final OrganisationDirectory organisations;
    /** Misses of the public discovery endpoint per client IP: the sign-in limit, counted apart. */
    private final LoginRateLimiter discoveryLimiter;

    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** Decoders fetch the issuer's discovery document and keys; build each once per version. */
    private final Cache<String, JwtDecoder> decoders = Caffeine.newBuilder()
            .maximumSize(1_000)
            .expireAfterWrite(Duration.ofHours(1))
            .build();

    SsoProviders(
            SsoProviderRepository providers,
            OrganisationDirectory organisations,
            LoginRateLimiter discoveryLimiter,
            AuditLog audit,
            JsonMapper json,
            TransactionTemplate transactions,
            Clock clock) {
        this.providers = providers;
        this.organisations = organisations;
        this.discoveryLimiter = discoveryLimiter;
        this.audit = audit;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record SsoConfig(
            String issuerUri,
            String audience,
            @Nullable String clientId,
            String roleClaim,
            Map<String, Role> roleMapping,
            @Nullable Role defaultRole,
            Instant updatedAt) {}

    @Transactional(readOnly = true)
    public Optional<SsoConfig> get(UUID orgId) {
        return providers.findById(orgId).map(this::toConfig);
    }

    @Transactional
    public SsoConfig configure(
            OrgPrincipal actor,
            String issuerUri,
            String audience,
            @Nullable String clientId,
            String roleClaim,
            Map<String, Role> roleMapping,
            @Nullable Role defaultRole) {
        SsoProviderEntity entity =
                providers.findById(actor.orgId()).orElseGet(() -> new SsoProviderEntity(actor.orgId()));
        entity.configure(
                issuerUri,
                audience,
                clientId,
                roleClaim,
                json.writeValueAsString(new LinkedHashMap<>(roleMapping)),
                defaultRole,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        try {
            providers.saveAndFlush(entity);
        } catch (DataIntegrityViolationException e) {
            throw new Conflict("issuer-in-use", "Another organisation already uses the issuer " + issuerUri);
        }
        decoders.invalidateAll();
        audit.record(AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "sso.configured", issuerUri));
        return toConfig(entity);
    }

    @Transactional
    public void remove(OrgPrincipal actor) {
        SsoProviderEntity entity =
                providers.findById(actor.orgId()).orElseThrow(() -> new NotFound("SSO configuration"));
        providers.delete(entity);
        decoders.invalidateAll();
        audit.record(
                AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "sso.removed", entity.issuerUri()));
    }

    /** What a browser needs to start an SSO sign-in for an organisation. */
    public record SsoDiscovery(UUID orgId, String orgName, String issuerUri, String clientId, String audience) {}

    /**
     * The public sign-in settings for an organisation slug: empty when the organisation does not
     * exist, has no SSO or no client id, so the answer reveals no more than SSO needs.
     */
    public Optional<SsoDiscovery> discover(String slug, String clientIp) {
        long wait = discoveryLimiter.retryAfterSeconds(LoginRateLimiter.Kind.SSO_DISCOVERY, clientIp);
        if (wait > 0) {
            throw IdentityProblems.tooManyAttempts("Too many unknown organisations asked for from your address", wait);
        }
        Optional<SsoDiscovery> found = slug.length() > 64 ? Optional.empty() : lookUp(slug);
        if (found.isEmpty()) {
            discoveryLimiter.failed(LoginRateLimiter.Kind.SSO_DISCOVERY, clientIp);
        }
        return found;
    }

    private Optional<SsoDiscovery> lookUp(String slug) {
        return TenantContext.asPlatform(() -> transactions.execute(status -> organisations
                .findBySlug(slug)
                .flatMap(org -> providers
                        .findById(org.id())
                        .filter(entity -> entity.clientId() != null)
                        .map(entity -> new SsoDiscovery(
                                org.id(), org.name(), entity.issuerUri(), entity.clientId(), entity.audience())))));
    }

    /** The provider for a token's issuer, if some organisation configured it. */
    Optional<SsoConfigured> forIssuer(String issuer) {
        return TenantContext.asPlatform(() -> transactions.execute(status ->
                providers.findByIssuerUri(issuer).map(entity -> new SsoConfigured(entity.orgId(), toConfig(entity)))));
    }

    record SsoConfigured(UUID orgId, SsoConfig config) {}

    JwtDecoder decoder(SsoConfig config) {
        return decoders.get(config.issuerUri() + "@" + config.updatedAt(), key -> {
            NimbusJwtDecoder decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(config.issuerUri());
            OAuth2TokenValidator<Jwt> audience =
                    jwt -> jwt.getAudience() != null && jwt.getAudience().contains(config.audience())
                            ? OAuth2TokenValidatorResult.success()
                            : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                                    "invalid_token", "token is not for audience " + config.audience(), null));
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(config.issuerUri()), audience));
            return decoder;
        });
    }

    /** The highest role any of the token's claim values maps to, else the default role. */
    static @Nullable Role roleFor(Jwt jwt, SsoConfig config) {
        Object claim = jwt.getClaims().get(config.roleClaim());
        List<String> values = claim instanceof Collection<?> many
                ? many.stream().map(String::valueOf).toList()
                : claim == null ? List.of() : List.of(String.valueOf(claim));
        return values.stream()
                .map(config.roleMapping()::get)
                .filter(role -> role != null)
                .max(Enum::compareTo)
                .orElse(config.defaultRole());
    }

    private SsoConfig toConfig(SsoProviderEntity entity) {
        return new SsoConfig(
                entity.issuerUri(),
                entity.audience(),
                entity.clientId(),
                entity.roleClaim(),
                json.readValue(entity.roleMapping(), MAPPING),
                entity.defaultRole(),
                entity.updatedAt());
    }
}
