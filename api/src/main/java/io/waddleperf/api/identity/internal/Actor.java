package io.waddleperf.api.identity.internal;

import io.waddleperf.api.shared.security.Role;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/** Whoever an authenticated request acts as: a user, an API key, or an SSO token. */
public sealed interface Actor permits Actor.User, Actor.Key, Actor.Sso {

    String name();

    boolean operator();

    /** The role in {@code orgId}, or null when the actor has none there. */
    @Nullable
    Role roleIn(UUID orgId, Members members);

    /** A signed-in user of this API; the role comes from the database on each request. */
    record User(UUID userId, String email, boolean operator) implements Actor {
        @Override
        public String name() {
            return email;
        }

        @Override
        public @Nullable Role roleIn(UUID orgId, Members members) {
            return members.roleOf(orgId, userId);
        }
    }

    /** An API key: one organisation, one role. */
    record Key(UUID keyId, UUID orgId, Role role, String keyName) implements Actor {
        @Override
        public String name() {
            return "api-key:" + keyName;
        }

        @Override
        public boolean operator() {
            return false;
        }

        @Override
        public @Nullable Role roleIn(UUID orgId, Members members) {
            return this.orgId.equals(orgId) ? role : null;
        }
    }

    /** A token from an organisation's own OIDC issuer: that organisation only. */
    record Sso(UUID orgId, Role role, String subject) implements Actor {
        @Override
        public String name() {
            return "sso:" + subject;
        }

        @Override
        public boolean operator() {
            return false;
        }

        @Override
        public @Nullable Role roleIn(UUID orgId, Members members) {
            return this.orgId.equals(orgId) ? role : null;
        }
    }

    static @Nullable Actor of(@Nullable Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
            return actor;
        }
        return null;
    }
}
