package io.waddleperf.api.identity.internal;

import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.errors.Refused;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.security.Secrets;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.tenancy.Organisation;
import io.waddleperf.api.tenancy.OrganisationDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cross-organisation views of an actor (who am I, which organisations can I see) and the
 * operator's creation of organisations. These run in the platform scope on purpose.
 */
@Service
public class Accounts {

    private final UserRepository users;
    private final MembershipRepository memberships;
    private final OrganisationDirectory organisations;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Licensing licensing;

    Accounts(
            UserRepository users,
            MembershipRepository memberships,
            OrganisationDirectory organisations,
            PasswordEncoder passwords,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock,
            Licensing licensing) {
        this.licensing = licensing;
        this.users = users;
        this.memberships = memberships;
        this.organisations = organisations;
        this.passwords = passwords;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record MembershipView(UUID orgId, String orgName, String orgSlug, Role role) {}

    public record Me(
            String kind,
            @Nullable UUID userId,
            String name,
            @Nullable String email,
            boolean operator,
            List<MembershipView> memberships) {}

    public record CreatedOrganisation(
            Organisation organisation,
            String adminEmail,
            @Nullable String initialPassword) {}

    public Me me(Actor actor) {
        return switch (actor) {
            case Actor.User user -> {
                UserEntity entity =
                        platform(() -> users.findById(user.userId())).orElseThrow(() -> new NotFound("User"));
                yield new Me(
                        "user", entity.id(), entity.displayName(), entity.email(), entity.operator(), views(actor));
            }
            case Actor.Key key -> new Me("api_key", null, key.keyName(), null, false, views(actor));
            case Actor.Sso sso -> new Me("sso", null, sso.subject(), null, false, views(actor));
        };
    }

    /** Organisations the actor may see: all of them for an operator, else its memberships. */
    public List<Organisation> visibleOrganisations(Actor actor) {
        if (actor.operator()) {
            return organisations.all();
        }
        List<UUID> ids = views(actor).stream().map(MembershipView::orgId).toList();
        return organisations.findAll(ids).stream()
                .sorted(Comparator.comparing(Organisation::name))
                .toList();
    }

    /** Creates an organisation with its first ADMIN (a new account when the e-mail is unknown). */
    public CreatedOrganisation createOrganisation(Actor operator, String name, String adminEmail, String adminName) {
        Organisation organisation = organisations.create(name);
        String email = adminEmail.strip().toLowerCase(Locale.ROOT);
        String[] initialPassword = new String[1];
        platform(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            UserEntity admin = users.findByEmail(email).orElseGet(() -> {
                licensing.requireRoomFor(Licensing.Limit.MAX_USERS, users.count());
                initialPassword[0] = Secrets.password();
                String display = adminName == null || adminName.isBlank() ? email : adminName.strip();
                return users.save(
                        new UserEntity(Ids.newId(), email, display, passwords.encode(initialPassword[0]), false, now));
            });
            return memberships.save(new MembershipEntity(Ids.newId(), organisation.id(), admin.id(), Role.ADMIN, now));
        });
        audit.record(AuditEntry.success(
                organisation.id(), userId(operator), operator.name(), "org.created", organisation.name()));
        return new CreatedOrganisation(organisation, email, initialPassword[0]);
    }

    /** A signed-in user replaces their own password; other sessions keep working until they expire. */
    public void changePassword(Actor actor, String currentPassword, String newPassword) {
        if (!(actor instanceof Actor.User user)) {
            throw new Refused(
                    Refused.Kind.NOT_ALLOWED,
                    "no-password",
                    "No password",
                    "API keys and SSO identities have no password here");
        }
        UserEntity entity = platform(() -> users.findById(user.userId())).orElseThrow(() -> new NotFound("User"));
        if (entity.passwordHash() == null || !passwords.matches(currentPassword, entity.passwordHash())) {
            throw Refused.invalid("wrong-password", "The current password is wrong");
        }
        String hash = passwords.encode(newPassword);
        platform(() -> {
            users.findById(user.userId()).orElseThrow().changePassword(hash);
            return null;
        });
        audit.record(AuditEntry.success(null, user.userId(), user.email(), "auth.password_changed", null));
    }

    private List<MembershipView> views(Actor actor) {
        Map<UUID, Role> roles = switch (actor) {
            case Actor.User user ->
                platform(() -> memberships.findByUserId(user.userId())).stream()
                        .collect(Collectors.toMap(MembershipEntity::orgId, MembershipEntity::role));
            case Actor.Key key -> Map.of(key.orgId(), key.role());
            case Actor.Sso sso -> Map.of(sso.orgId(), sso.role());
        };
        Map<UUID, Organisation> orgs = organisations.findAll(List.copyOf(roles.keySet())).stream()
                .collect(Collectors.toMap(Organisation::id, Function.identity()));
        return roles.entrySet().stream()
                .filter(entry -> orgs.containsKey(entry.getKey()))
                .map(entry -> {
                    Organisation org = orgs.get(entry.getKey());
                    return new MembershipView(org.id(), org.name(), org.slug(), entry.getValue());
                })
                .sorted(Comparator.comparing(MembershipView::orgName))
                .toList();
    }

    private <T> T platform(java.util.function.Supplier<T> work) {
        return TenantContext.asPlatform(() -> transactions.execute(status -> work.get()));
    }

    private static @Nullable UUID userId(Actor actor) {
        return actor instanceof Actor.User user ? user.userId() : null;
    }
}
