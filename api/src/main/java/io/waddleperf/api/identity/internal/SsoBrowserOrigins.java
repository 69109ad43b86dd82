package io.waddleperf.api.identity.internal;

import io.waddleperf.api.shared.web.BrowserOrigins;
import java.util.Collection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The organisations' SSO issuers, whose discovery document and token endpoint the browser calls
 * during sign-in: named in the web UI's Content-Security-Policy. Across organisations, because the
 * sign-in page loads before the user says which organisation is theirs.
 */
@Component
class SsoBrowserOrigins implements BrowserOrigins {

    private final JdbcTemplate jdbc;

    SsoBrowserOrigins(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Collection<String> urls() {
        return jdbc.queryForList("SELECT issuer_uri FROM sso_providers", String.class);
    }
}
