package io.waddleperf.api.identity.internal;

import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.security.Secrets;
import io.waddleperf.api.shared.tenant.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in, token refresh with rotation and reuse detection, and sign-out. Password hashing runs
 * outside any transaction: it takes a quarter of a second by design, and a database transaction
 * (a Galera write set) must stay short.
 */
@Service
public class Sessions {

    /** Compared against when the e-mail is unknown, so both failures take the same time. */
    private final String dummyHash;

    private final UserRepository users;
    private final MembershipRepository memberships;
    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;
    private final PasswordEncoder passwords;
    private final LoginRateLimiter rateLimiter;
    private final AuditLog audit;
    private final IdentityProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Sessions(
            UserRepository users,
            MembershipRepository memberships,
            RefreshTokenRepository refreshTokens,
            AccessTokens accessTokens,
            PasswordEncoder passwords,
            LoginRateLimiter rateLimiter,
            AuditLog audit,
            IdentityProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.passwords = passwords;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.dummyHash = passwords.encode(Secrets.password());
    }

    /** Tokens for one organisation; {@code orgId} is null only for an operator with no membership. */
    public record TokenPair(
            String accessToken,
            long expiresIn,
            String refreshToken,
            long refreshExpiresIn,
            @Nullable UUID orgId,
            List<String> roles) {}

    public TokenPair login(String email, String password, @Nullable UUID requestedOrg, String ip) {
        long wait = rateLimiter.retryAfterSeconds(LoginRateLimiter.Kind.SIGN_IN, ip);
        if (wait > 0) {
            throw IdentityProblems.tooManyAttempts("Too many failed sign-ins from your address", wait);
        }
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        Optional<UserEntity> found =
                TenantContext.asPlatform(() -> transactions.execute(status -> users.findByEmail(normalized)));
        if (found.isEmpty() || found.get().passwordHash() == null) {
            passwords.matches(password, dummyHash);
            rateLimiter.failed(LoginRateLimiter.Kind.SIGN_IN, ip);
            audit.record(AuditEntry.failure(null, null, normalized, "auth.login", null, "unknown account"));
            throw IdentityProblems.invalidCredentials();
        }
        UserEntity user = found.get();
        Instant now = clock.instant();
        if (user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
            long seconds = Math.max(1, Duration.between(now, user.lockedUntil()).toSeconds());
            audit.record(AuditEntry.failure(null, user.id(), normalized, "auth.login", null, "account locked"));
            throw IdentityProblems.tooManyAttempts("Too many failed sign-ins for this account", seconds);
        }
        if (!passwords.matches(password, user.passwordHash())) {
            rateLimiter.failed(LoginRateLimiter.Kind.SIGN_IN, ip);
            recordFailure(user.id(), now);
            audit.record(AuditEntry.failure(null, user.id(), normalized, "auth.login", null, "wrong password"));
            throw IdentityProblems.invalidCredentials();
        }
        TokenPair tokens = TenantContext.asPlatform(() -> transactions.execute(status -> {
            UserEntity fresh = users.findById(user.id()).orElseThrow(IdentityProblems::invalidCredentials);
            fresh.loginSucceeded();
            MembershipEntity membership = chooseMembership(fresh, requestedOrg);
            return issue(fresh, membership, Ids.newId());
        }));
        audit.record(AuditEntry.success(tokens.orgId(), user.id(), normalized, "auth.login", null));
        return tokens;
    }

    public TokenPair refresh(String refreshToken, @Nullable UUID requestedOrg) {
        String hash = Secrets.sha256(refreshToken);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        RefreshTokenEntity token = TenantContext.asPlatform(
                        () -> transactions.execute(status -> refreshTokens.findByTokenHash(hash)))
                .orElseThrow(IdentityProblems::invalidRefreshToken);
        if (token.revoked() || token.expiresAt().isBefore(now)) {
            throw IdentityProblems.invalidRefreshToken();
        }
        if (requestedOrg != null && !requestedOrg.equals(token.orgId())) {
            // Checked before the token is spent: a refused switch must leave the session usable.
            boolean member =
                    TenantContext.asPlatform(() -> transactions.execute(status -> users.findById(token.userId())
                            .map(user -> user.operator()
                                    || memberships
                                            .findByOrgIdAndUserId(requestedOrg, user.id())
                                            .isPresent())
                            .orElse(false)));
            if (!member) {
                throw IdentityProblems.notMember();
            }
        }
        // The conditional update is the single point of truth: of two requests racing with the
        // same token, exactly one gets it; the other is treated as reuse.
        Integer claimed = transactions.execute(status -> refreshTokens.claim(hash, now));
        if (claimed == null || claimed == 0) {
            transactions.executeWithoutResult(status -> refreshTokens.revokeFamily(token.familyId(), now));
            audit.record(AuditEntry.failure(
                    token.orgId(),
                    token.userId(),
                    token.userId().toString(),
                    "auth.token_family_revoked",
                    token.familyId().toString(),
                    "refresh token reused"));
            throw IdentityProblems.invalidRefreshToken();
        }
        return TenantContext.asPlatform(() -> transactions.execute(status -> {
            UserEntity user = users.findById(token.userId()).orElseThrow(IdentityProblems::invalidRefreshToken);
            UUID orgId = requestedOrg != null ? requestedOrg : token.orgId();
            MembershipEntity membership =
                    memberships.findByOrgIdAndUserId(orgId, user.id()).orElse(null);
            if (membership == null && !user.operator()) {
                throw IdentityProblems.notMember();
            }
            return issue(user, membership, token.familyId());
        }));
    }

    public void logout(String refreshToken) {
        String hash = Secrets.sha256(refreshToken);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TenantContext.asPlatform(() -> transactions.execute(status -> refreshTokens.findByTokenHash(hash)))
                .ifPresent(token -> {
                    transactions.executeWithoutResult(status -> refreshTokens.revokeFamily(token.familyId(), now));
                    audit.record(AuditEntry.success(
                            token.orgId(), token.userId(), token.userId().toString(), "auth.logout", null));
                });
    }

    private void recordFailure(UUID userId, Instant now) {
        transactions.executeWithoutResult(status -> {
            users.incrementFailedLogins(userId);
            users.findById(userId).ifPresent(user -> {
                int beyond = user.failedLogins() - properties.lockout().threshold();
                if (beyond >= 0) {
                    Duration lock = properties.lockout().initial().multipliedBy(1L << Math.min(beyond, 20));
                    if (lock.compareTo(properties.lockout().max()) > 0) {
                        lock = properties.lockout().max();
                    }
                    user.loginFailed(user.failedLogins(), now.plus(lock).truncatedTo(ChronoUnit.MICROS));
                }
            });
        });
    }

    private @Nullable MembershipEntity chooseMembership(UserEntity user, @Nullable UUID requestedOrg) {
        List<MembershipEntity> all = memberships.findByUserId(user.id());
        if (requestedOrg != null) {
            return all.stream()
                    .filter(m -> m.orgId().equals(requestedOrg))
                    .findFirst()
                    .orElseThrow(IdentityProblems::notMember);
        }
        if (all.isEmpty() && !user.operator()) {
            throw IdentityProblems.notMember();
        }
        return all.stream()
                .min(Comparator.comparing(MembershipEntity::createdAt))
                .orElse(null);
    }

    private TokenPair issue(UserEntity user, @Nullable MembershipEntity membership, UUID familyId) {
        UUID orgId = membership == null ? null : membership.orgId();
        Role role = membership == null ? null : membership.role();
        AccessTokens.Issued access = accessTokens.issue(user.id(), user.email(), orgId, role, user.operator());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String refresh = Secrets.token();
        // A refresh token without an organisation is stored against the user's own id, which
        // never matches an organisation, so it can only be used by an operator.
        refreshTokens.save(new RefreshTokenEntity(
                Ids.newId(),
                Secrets.sha256(refresh),
                familyId,
                user.id(),
                orgId == null ? user.id() : orgId,
                now,
                now.plus(properties.refreshTokenTtl())));
        return new TokenPair(
                access.token(),
                properties.accessTokenTtl().toSeconds(),
                refresh,
                properties.refreshTokenTtl().toSeconds(),
                orgId,
                AccessTokens.roles(role, user.operator()));
    }
}
