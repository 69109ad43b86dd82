package io.waddleperf.api.identity.internal;

import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.api.shared.security.Secrets;
import io.waddleperf.api.shared.tenant.TenantContext;
import io.waddleperf.api.tenancy.Organisation;
import io.waddleperf.api.tenancy.OrganisationDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start against an empty database: one user who is both platform OPERATOR and ADMIN
 * of a first organisation, so someone can sign in. The password comes from configuration or is
 * generated and logged once. Replicas starting together race on the unique e-mail; the loser
 * does nothing.
 */
@Component
class Bootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final UserRepository users;
    private final MembershipRepository memberships;
    private final OrganisationDirectory organisations;
    private final PasswordEncoder passwords;
    private final IdentityProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Bootstrap(
            UserRepository users,
            MembershipRepository memberships,
            OrganisationDirectory organisations,
            PasswordEncoder passwords,
            IdentityProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.organisations = organisations;
        this.passwords = passwords;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        TenantContext.asPlatform(() -> {
            if (transactions.execute(status -> users.count()) > 0) {
                return null;
            }
            String email = properties.bootstrapAdminEmail().strip().toLowerCase(Locale.ROOT);
            boolean generated = properties.bootstrapAdminPassword() == null
                    || properties.bootstrapAdminPassword().isBlank();
            String password = generated ? Secrets.password() : properties.bootstrapAdminPassword();
            String hash = passwords.encode(password);
            try {
                transactions.executeWithoutResult(status -> {
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    UserEntity admin =
                            users.saveAndFlush(new UserEntity(Ids.newId(), email, "Administrator", hash, true, now));
                    Organisation org = organisations.create("Default organisation");
                    memberships.save(new MembershipEntity(Ids.newId(), org.id(), admin.id(), Role.ADMIN, now));
                });
            } catch (DataIntegrityViolationException | ConcurrencyFailureException raced) {
                // A duplicate e-mail on one server; on Galera the loser's commit fails
                // certification instead (a deadlock error) when the other node's insert won.
                log.info("Another instance created the bootstrap administrator");
                return null;
            }
            if (generated) {
                log.warn(
                        "Bootstrap administrator created: sign in as {} with the one-time password {} (shown only now)",
                        email,
                        password);
            } else {
                log.info("Bootstrap administrator {} created with the configured password", email);
            }
            return null;
        });
    }
}
