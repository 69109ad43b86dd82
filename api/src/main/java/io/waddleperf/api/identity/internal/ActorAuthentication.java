package io.waddleperf.api.identity.internal;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated {@link Actor}. Authorities are informational only: organisation roles are
 * checked per request by {@link OrgAccessInterceptor}, because a user's role differs per
 * organisation.
 */
final class ActorAuthentication extends AbstractAuthenticationToken {

    private final Actor actor;
    private final transient Object credentials;

    ActorAuthentication(Actor actor, Object credentials) {
        super(actor.operator() ? List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")) : List.of());
        this.actor = actor;
        this.credentials = credentials;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return credentials;
    }

    @Override
    public Actor getPrincipal() {
        return actor;
    }

    @Override
    public String getName() {
        return actor.name();
    }
}
