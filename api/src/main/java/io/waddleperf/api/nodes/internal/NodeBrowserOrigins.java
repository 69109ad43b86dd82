package io.waddleperf.api.nodes.internal;

import io.waddleperf.api.shared.web.BrowserOrigins;
import java.util.Collection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The nodes' advertised URLs, where browsers run speed tests: named in the web UI's
 * Content-Security-Policy. Across organisations, because the page loads before anyone signs in;
 * only the origins leave, not which organisation they belong to.
 */
@Component
class NodeBrowserOrigins implements BrowserOrigins {

    private final JdbcTemplate jdbc;

    NodeBrowserOrigins(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Collection<String> urls() {
        return jdbc.queryForList(
                "SELECT DISTINCT advertised_url FROM nodes WHERE advertised_url IS NOT NULL AND status <> 'REVOKED'",
                String.class);
    }
}
