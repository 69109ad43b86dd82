package io.waddleperf.api.identity.internal;

import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.shared.database.RetryOnConflict;
import io.waddleperf.api.shared.errors.Conflict;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.security.OrgPrincipal;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.security.Secrets;
import io.waddleperf.api.shared.tenant.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Members of the current organisation (the tenant filter scopes every membership query here).
 * An organisation always keeps at least one ADMIN, so it can never lock itself out, also when two
 * ADMINs demote each other at once ({@link AdminGuard}).
 */
@Service
public class Members {

    private final MembershipRepository memberships;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate readOnly;
    private final Licensing licensing;
    private final AdminGuard guard;

    Members(
            MembershipRepository memberships,
            UserRepository users,
            PasswordEncoder passwords,
            AuditLog audit,
            Clock clock,
            PlatformTransactionManager transactions,
            Licensing licensing,
            AdminGuard guard) {
        this.licensing = licensing;
        this.guard = guard;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.memberships = memberships;
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    public record Member(UUID userId, String email, String displayName, Role role, Instant since) {}

    /** The result of an invitation; {@code initialPassword} is set (once) only for a new account. */
    public record Invitation(Member member, @Nullable String initialPassword) {}

    @Transactional(readOnly = true)
    public List<Member> list() {
        List<MembershipEntity> all = memberships.findAllByOrderByCreatedAtAsc();
        Map<UUID, UserEntity> byId = users
                .findAllById(all.stream().map(MembershipEntity::userId).toList())
                .stream()
                .collect(Collectors.toMap(UserEntity::id, Function.identity()));
        return all.stream()
                .filter(m -> byId.containsKey(m.userId()))
                .map(m -> toMember(m, byId.get(m.userId())))
                .toList();
    }

    @Transactional(readOnly = true)
    public long count() {
        return memberships.count();
    }

    /**
     * Adds a person by e-mail. An unknown address gets an account with a generated password,
     * returned once so the admin can pass it on (there is no mail delivery in this release).
     */
    @Transactional
    public Invitation invite(OrgPrincipal actor, String email, String displayName, Role role) {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String initialPassword = null;
        UserEntity user = users.findByEmail(normalized).orElse(null);
        if (user == null) {
            licensing.requireRoomFor(Licensing.Limit.MAX_USERS, users.count());
            initialPassword = Secrets.password();
            String name = displayName == null || displayName.isBlank() ? normalized : displayName.strip();
            user = users.save(
                    new UserEntity(Ids.newId(), normalized, name, passwords.encode(initialPassword), false, now));
        }
        if (memberships.findByOrgIdAndUserId(actor.orgId(), user.id()).isPresent()) {
            throw new Conflict("already-a-member", normalized + " is already a member of this organisation");
        }
        MembershipEntity membership =
                memberships.save(new MembershipEntity(Ids.newId(), actor.orgId(), user.id(), role, now));
        audit.record(AuditEntry.success(
                actor.orgId(), actor.userId(), actor.name(), "member.invited", normalized + " as " + role));
        return new Invitation(toMember(membership, user), initialPassword);
    }

    @Transactional
    @RetryOnConflict
    public Member changeRole(OrgPrincipal actor, UUID userId, Role role) {
        guard.enter(actor.orgId());
        MembershipEntity membership = find(actor.orgId(), userId);
        if (membership.role() == Role.ADMIN && role != Role.ADMIN) {
            requireAnotherAdmin();
        }
        Role before = membership.role();
        membership.changeRole(role);
        UserEntity user = users.findById(userId).orElseThrow(() -> new NotFound("Member"));
        audit.record(AuditEntry.success(
                actor.orgId(),
                actor.userId(),
                actor.name(),
                "member.role_changed",
                user.email() + " " + before + " -> " + role));
        return toMember(membership, user);
    }

    @Transactional
    @RetryOnConflict
    public void remove(OrgPrincipal actor, UUID userId) {
        guard.enter(actor.orgId());
        MembershipEntity membership = find(actor.orgId(), userId);
        if (membership.role() == Role.ADMIN) {
            requireAnotherAdmin();
        }
        memberships.delete(membership);
        String email = users.findById(userId).map(UserEntity::email).orElse(userId.toString());
        audit.record(AuditEntry.success(actor.orgId(), actor.userId(), actor.name(), "member.removed", email));
    }

    /**
     * The role a user holds in an organisation; used by the request authorisation before the
     * request's tenant is bound, so it binds that organisation itself before its transaction.
     */
    public @Nullable Role roleOf(UUID orgId, UUID userId) {
        return TenantContext.as(
                orgId,
                () -> readOnly.execute(status -> memberships
                        .findByOrgIdAndUserId(orgId, userId)
                        .map(MembershipEntity::role)
                        .orElse(null)));
    }

    private MembershipEntity find(UUID orgId, UUID userId) {
        return memberships.findByOrgIdAndUserId(orgId, userId).orElseThrow(() -> new NotFound("Member"));
    }

    private void requireAnotherAdmin() {
        if (memberships.countByRole(Role.ADMIN) <= 1) {
            throw new Conflict("last-admin", "An organisation needs at least one ADMIN; promote someone else first");
        }
    }

    private static Member toMember(MembershipEntity membership, UserEntity user) {
        return new Member(user.id(), user.email(), user.displayName(), membership.role(), membership.createdAt());
    }
}
